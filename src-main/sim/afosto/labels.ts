/** Parcel labels (ZPL or PDF) and packing slips (PDF), rendered by a task and stored as files. */
import { randomUUID } from 'node:crypto';
import type { Json } from '../http';
import { pdfLabel, pdfSlip, zplLabel, type LabelInfo } from '../labels';
import { notFound } from './protocol';
import type { AfostoSim } from './sim';

export function registerLabels(sim: AfostoSim): void {
  const { r, state, ds, nowIso, parcels, shipments, orders, files, addTask } = sim;
  const labelInfo = (pc: Json): LabelInfo => {
    const s = shipments.get(pc.shipment_id);
    const oi = s?.order_id ? orders.indexOf(s.order_id) : null;
    const order = oi !== null && oi < ds.counts.orders ? ds.orders.get(oi) : null;
    const a = order?.shippingAddress;
    const carrier = order?.carrier ?? (s?.method_id ? (ds.afosto.methods.slice(0, 20).find((m: Json) => m.id === s.method_id)?.name ?? 'DPD') : 'DPD');
    return {
      parcelNumber: pc.number,
      trackingCode: pc.tracking_code || `${carrier.normalize('NFD').replace(/[^A-Za-z]/g, '').slice(0, 2).toUpperCase()}${String(Math.abs(hash(pc.id))).padStart(11, '0').slice(0, 11)}`,
      carrier,
      orderNumber: order?.number ?? (oi !== null ? (orders.getAt(oi)?.number ?? '') : ''),
      shipTo: a
        ? { name: [a.givenName, a.familyName].join(' ') + (a.organisation ? `, ${a.organisation}` : ''), line1: `${a.street} ${a.houseNumber}${a.houseNumberSuffix}`, postal: a.postalCode, city: a.city, country: a.country }
        : { name: 'Příjemce', line1: s?.addressing?.to?.entity_id ?? '', postal: '', city: '', country: '' },
      from: 'Dockside Demo s.r.o., Sklad Praha-Hostivař',
      weightGrams: pc.weight ?? 0,
      items: (s?.items ?? []).filter((u: Json) => pc.items.some((it: Json) => it.id === u.id)).map((u: Json) => ({ sku: u.sku, description: u.description, quantity: 1, position: u.position })),
    };
  };
  const storeFile = (filename: string, mime: string, bytes: Buffer, label: string): string => {
    const id = randomUUID();
    const now = nowIso();
    files.set(id, {
      bytes,
      meta: { id, filename, label, dir: '/labels', type: 'file', mime, url: `${state.baseUrl}/afosto/cdn/files/${id}/${encodeURIComponent(filename)}`, is_public: false, is_listed: false, metadata: { size: bytes.length }, created_at: now, updated_at: now },
    });
    return id;
  };
  r.post('/lcs/parcels/:id/label', (ctx) => {
    const id = ctx.params.id as string;
    const pc = parcels.get(id);
    if (!pc) return notFound('Parcel');
    const requestedAt = nowIso();
    const format = state.config.afostoLabelFormat;
    const t = addTask('lcs.parcel.label', `Label for parcel ${pc.number}`, async () => {
      const cur = parcels.get(id);
      if (!cur) return '';
      const info = labelInfo(cur);
      const bytes = format === 'pdf' ? Buffer.from(await pdfLabel(info)) : Buffer.from(zplLabel(info), 'utf8');
      const fileId = storeFile(`label-${cur.number}.${format}`, format === 'pdf' ? 'application/pdf' : 'application/zpl', bytes, `Label ${cur.number}`);
      parcels.update(id, (x) => {
        x.tracking_code = x.tracking_code || info.trackingCode;
        x.tracking_url = x.tracking_url || `https://tracking.example.com/${encodeURIComponent(info.carrier)}/${x.tracking_code}`;
        x.label = { file_id: fileId, reference: x.tracking_code, label_text: `${info.carrier} ${x.tracking_code}`, requested_at: requestedAt };
        x.updated_at = nowIso();
      });
      return fileId;
    });
    return { status: 204, headers: { 'x-task-id': t.id } };
  });
  r.post('/lcs/parcels/:id/slip', (ctx) => {
    const id = ctx.params.id as string;
    const pc = parcels.get(id);
    if (!pc) return notFound('Parcel');
    const t = addTask('lcs.parcel.slip', `Packing slip for parcel ${pc.number}`, async () => {
      const cur = parcels.get(id);
      if (!cur) return '';
      const bytes = Buffer.from(await pdfSlip(labelInfo(cur)));
      const fileId = storeFile(`slip-${cur.number}.pdf`, 'application/pdf', bytes, `Packing slip ${cur.number}`);
      parcels.update(id, (x) => void Object.assign(x, { file_id: fileId, updated_at: nowIso() }));
      return fileId;
    });
    return { status: 204, headers: { 'x-task-id': t.id } };
  });
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
