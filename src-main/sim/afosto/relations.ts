/** Relations: contacts (search, upsert by e-mail), organisations, phone numbers and addresses. */
import { randomUUID } from 'node:crypto';
import { afosto as A, indexFromUuid, uuidFor } from '../generator/index';
import { json, type Json } from '../http';
import { constraintsOf, err, notFound, paged, pagedNoCount, paging, parse } from './protocol';
import { AddressCreate, ContactUpsert, PhoneCreate, SearchBody } from './schemas';
import type { AfostoSim } from './sim';

export function registerRelations(sim: AfostoSim): void {
  const { r, ds, seed, nowIso, contacts, contactEmails, organisations, createdPhones, createdAddresses } = sim;
  const contactByEmail = (email: string): Json | undefined => {
    const e = email.toLowerCase();
    const touched = contactEmails.get(e);
    if (touched !== undefined) {
      const c = contacts.getAt(touched);
      if (c && c.email.toLowerCase() === e) return c;
    }
    const m = /(\d+)@/.exec(e);
    if (m) {
      const c = contacts.getAt(Number(m[1]));
      if (c && c.email.toLowerCase() === e) return c;
    }
    return undefined;
  };
  r.get('/rel/contacts', (ctx) => {
    const { offset, size } = paging(ctx);
    return pagedNoCount(ctx, contacts.list(offset, size));
  });
  r.post('/rel/contacts', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const unknown = [...map.keys()].filter((k) => !['id', 'ids', 'email'].includes(k));
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const hits: Json[] = [];
    for (const id of [...(map.get('id') ?? []), ...(map.get('ids') ?? [])]) {
      const c = contacts.get(id) ?? contactByEmail(id);
      if (c) hits.push(c);
    }
    for (const e of map.get('email') ?? []) {
      const c = contactByEmail(e);
      if (c) hits.push(c);
    }
    const { offset, size } = paging(ctx);
    return paged(ctx, hits.slice(offset, offset + size), hits.length);
  });
  const phoneById = (id: string): Json | undefined => {
    if (createdPhones.has(id)) return createdPhones.get(id);
    const i = indexFromUuid(seed, 'phone', id);
    if (i === null) return undefined;
    if (i >= A.PHONE_BASE_COMPANY) {
      const c = i - A.PHONE_BASE_COMPANY;
      return c < ds.counts.companies ? organisations.getAt(c)?.phone_numbers?.primary : undefined;
    }
    const pi = Math.floor(i / 8);
    if (pi >= ds.counts.persons) return undefined;
    const c = contacts.getAt(pi);
    return c ? [c.phone_numbers?.primary, ...(c.phone_numbers?.secondary ?? [])].find((x: Json) => x?.id === id) : undefined;
  };
  const addressById = (id: string): Json | undefined => {
    if (createdAddresses.has(id)) return createdAddresses.get(id);
    const i = indexFromUuid(seed, 'address', id);
    if (i === null) return undefined;
    if (i >= A.ADDRESS_BASE_ORDER) {
      const oi = i - A.ADDRESS_BASE_ORDER;
      if (oi >= ds.counts.orders) return undefined;
      const o = ds.orders.get(oi);
      return A.relAddress(seed, i, o.shippingAddress, o.createdAt);
    }
    if (i >= A.ADDRESS_BASE_COMPANY) {
      const c = i - A.ADDRESS_BASE_COMPANY;
      return c >= 0 && c < ds.counts.companies ? organisations.getAt(c)?.billing?.primary : undefined;
    }
    if (i % 4 !== 0 || i / 4 >= ds.counts.persons) return undefined;
    return contacts.getAt(i / 4)?.shipping?.primary;
  };
  r.put('/rel/contacts', (ctx) => {
    const p = parse(ctx, ContactUpsert);
    if (!p.ok) return p.reply;
    const b = p.value as Json;
    const invalid: string[] = [];
    const resolve = (kind: 'phone_numbers' | 'shipping' | 'billing'): { primary: Json; secondary: Json[] } | undefined => {
      const ref = b[kind];
      if (!ref) return undefined;
      const get = kind === 'phone_numbers' ? phoneById : addressById;
      const prim = ref.primary ? get(ref.primary) : null;
      if (ref.primary && !prim) invalid.push(`${kind}.primary`);
      const sec = (ref.secondary ?? []).map((id: string, k: number) => get(id) ?? (invalid.push(`${kind}.secondary.${k}`), null)).filter(Boolean);
      return { primary: prim, secondary: sec };
    };
    const phones = resolve('phone_numbers');
    const shipping = resolve('shipping');
    const billing = resolve('billing');
    if (invalid.length) return err(400, 'Unknown reference', { invalid });
    const apply = (x: Json): void => {
      for (const k of ['is_guest', 'audience', 'tags', 'given_name', 'additional_name', 'family_name', 'metadata']) if (b[k] !== undefined) x[k] = b[k];
      // only the primaries are updated; a replaced primary moves to the secondary list
      for (const [k, v] of [['phone_numbers', phones], ['shipping', shipping], ['billing', billing]] as const) {
        if (!v) continue;
        const cur = x[k] ?? { primary: null, secondary: [] };
        if (v.primary && cur.primary && cur.primary.id !== v.primary.id) cur.secondary = [cur.primary, ...cur.secondary.filter((s: Json) => s.id !== v.primary.id)];
        if (v.primary) cur.primary = v.primary;
        for (const s of v.secondary) if (!cur.secondary.some((y: Json) => y.id === s.id)) cur.secondary.push(s);
        x[k] = cur;
      }
      x.version = randomUUID().slice(0, 8);
      x.updated_at = nowIso();
    };
    const existing = contactByEmail(b.email);
    if (existing) return json(200, contacts.update(existing.id, apply));
    const c = contacts.create((i) => {
      const x: Json = { id: uuidFor(seed, 'contact', i), version: '', email: b.email, is_guest: false, audience: 'default', tags: [], given_name: '', additional_name: '', family_name: '', organisations: { primary: null, secondary: [] }, billing: { primary: null, secondary: [] }, shipping: { primary: null, secondary: [] }, phone_numbers: { primary: null, secondary: [] }, metadata: {}, created_at: nowIso(), updated_at: nowIso(), deleted_at: null };
      apply(x);
      return x;
    });
    contactEmails.set(String(b.email).toLowerCase(), contacts.indexOf(c.id) as number);
    return json(200, c);
  });
  r.get('/rel/contacts/:id', (ctx) => {
    const c = contacts.get(ctx.params.id as string);
    return c ? json(200, c) : notFound('Contact');
  });
  r.delete('/rel/contacts/:id', (ctx) => (contacts.remove(ctx.params.id as string) ? { status: 204 } : notFound('Contact')));
  r.get('/rel/organisations', (ctx) => {
    const { offset, size } = paging(ctx);
    return paged(ctx, organisations.list(offset, size), organisations.size);
  });
  r.get('/rel/organisations/:id', (ctx) => {
    const o = organisations.get(ctx.params.id as string);
    return o ? json(200, o) : notFound('Organisation');
  });
  r.post('/rel/search/organisations', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map } = constraintsOf(p.value);
    const hits = (map.get('ids') ?? []).map((id) => organisations.get(id)).filter(Boolean) as Json[];
    return paged(ctx, hits, hits.length);
  });
  r.post('/rel/phonenumbers', (ctx) => {
    const p = parse(ctx, PhoneCreate);
    if (!p.ok) return p.reply;
    const cc = p.value.country_code.toUpperCase();
    const prefix: Record<string, string> = { CZ: '420', SK: '421', DE: '49', NL: '31' };
    let digits = p.value.number.replace(/[^\d+]/g, '');
    if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
    if (!digits.startsWith('+')) digits = `+${prefix[cc] ?? ''}${digits.replace(/^0/, '')}`;
    if (!/^\+\d{8,15}$/.test(digits)) return err(400, 'Invalid phone number', { invalid: ['number'] });
    const nsn = digits.slice(1 + (prefix[cc]?.length ?? 0));
    const ph = { id: randomUUID(), country_code: cc, number: digits, national: cc === 'CZ' || cc === 'SK' ? nsn.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3') : `0${nsn}`, type: /^(6|7)/.test(nsn) && cc === 'CZ' ? 'mobile' : /^9/.test(nsn) && cc === 'SK' ? 'mobile' : /^1[5-7]/.test(nsn) && cc === 'DE' ? 'mobile' : /^6/.test(nsn) && cc === 'NL' ? 'mobile' : 'fixed_number', created_at: nowIso() };
    createdPhones.set(ph.id, ph);
    return json(200, ph);
  });
  r.get('/rel/phonenumbers/:id', (ctx) => {
    const ph = phoneById(ctx.params.id as string);
    return ph ? json(200, ph) : notFound('Phone number');
  });
  r.post('/rel/search/phonenumbers', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map } = constraintsOf(p.value);
    const hits = (map.get('ids') ?? []).map(phoneById).filter(Boolean) as Json[];
    return paged(ctx, hits, hits.length);
  });
  r.post('/rel/addresses', (ctx) => {
    const p = parse(ctx, AddressCreate);
    if (!p.ok) return p.reply;
    const a = { id: randomUUID(), administrative_area: '', dependent_locality: '', sorting_code: '', address_line_2: '', premise_number_suffix: '', organisation: '', additional_name: '', ...p.value, created_at: nowIso() };
    createdAddresses.set(a.id, a);
    return json(200, a);
  });
  r.get('/rel/addresses/:id', (ctx) => {
    const a = addressById(ctx.params.id as string);
    return a ? json(200, a) : notFound('Address');
  });
}
