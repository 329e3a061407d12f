// The caller card, from the local store only (it shows when every remote is down): the person and
// company, the company's people, recent Afosto orders with how far the bench got (scans, parcels,
// weights, labels) and HOMS orders about them, open tasks, the last 20 interactions, this call's
// notes and its UCS metadata. A bounded number of indexed reads (≈ 10 orders × a few each).
import type { CallSummary, CallerCard, CallerMatch, CardInteraction, CardOrder, CardTask } from '../../../src-preload/contract';
import { packStateOf } from './domain';
import type { CallRow, CallsRepo, HomsRow, PhoneRow, TaskRow } from './repo';

const INTERACTIONS = 20;

export function buildCard(repo: CallsRepo, row: CallRow, call: CallSummary, matches: CallerMatch[]): CallerCard {
  const contactRow = row.contact_id ? repo.contact(row.contact_id) : undefined;
  const companyId = row.company_id ?? contactRow?.company_id ?? null;
  const companyRow = companyId ? repo.company(companyId) : undefined;
  const contactPhones = contactRow ? repo.contactPhones(contactRow.id) : [];

  const orders: CardOrder[] = [];
  const afostoOrders = contactRow ? repo.ordersOf(contactRow.external_id ?? contactRow.id) : [];
  for (const o of afostoOrders) {
    const parcels = repo.parcelsOf(o.id).map((p) => {
      const job = repo.labelJob(p.id);
      return {
        id: p.id,
        seq: p.seq,
        status: p.status,
        weightGrams: p.weight_grams,
        trackingNumber: p.tracking_number,
        carrier: p.carrier,
        labelPrinted: job !== undefined && (job.status === 'done' || job.status === 'sent'),
        labelJobId: job?.id ?? null,
      };
    });
    const shipments = repo.shipmentsOf(o.id);
    let scans = 0;
    let lastScanAt: number | null = null;
    const count = (entity: string, id: string) => {
      const s = repo.scans(entity, id);
      scans += s.n;
      if (s.last !== null && (lastScanAt === null || s.last > lastScanAt)) lastScanAt = s.last;
    };
    count('order', o.id);
    for (const s of shipments) count('shipment', s.id);
    for (const p of parcels) count('parcel', p.id);
    orders.push({
      source: 'afosto',
      id: o.id,
      number: o.number,
      status: o.status,
      placedAt: o.placed_at,
      type: null,
      relatesTo: null,
      pack: {
        state: packStateOf({ scans, parcels, shipmentStatuses: shipments.map((s) => s.status) }),
        scans: Math.max(0, scans),
        lastScanAt,
        parcels,
      },
    });
  }

  // HOMS orders about the caller: those naming one of their Afosto orders, or their phone.
  const homs = new Map<string, HomsRow>();
  for (const h of repo.homsByExtCodes(afostoOrders.map((o) => o.number))) homs.set(h.id, h);
  const phoneForms = phoneFormsOf(contactPhones, row);
  for (const h of repo.homsByPhones(phoneForms)) homs.set(h.id, h);
  [...homs.values()]
    .sort((a, b) => b.created_at - a.created_at)
    .slice(0, 10)
    .forEach((h) =>
      orders.push({ source: 'homs', id: h.id, number: h.code, status: h.state, placedAt: h.created_at, type: h.order_type_code, relatesTo: h.ext_code, pack: null }),
    );

  const tasks = new Map<string, TaskRow>();
  if (contactRow) for (const t of repo.openTasksOfContact(contactRow.id)) tasks.set(t.id, t);
  for (const t of repo.openTasksOfOrders(afostoOrders.map((o) => o.number))) tasks.set(t.id, t);
  for (const t of repo.openTasksOfCall(row.id)) tasks.set(t.id, t);

  const owner = contactRow ? { contactId: contactRow.id } : companyId ? { companyId } : null;
  const interactions: CardInteraction[] = [];
  if (owner) {
    const calls = repo.callsOf(owner);
    for (const c of calls) interactions.push({ kind: 'call', id: c.id, at: c.started_at, text: c.disposition ?? c.status, callId: c.id });
    for (const n of repo.notesOfCalls(calls.map((c) => c.id))) interactions.push({ kind: 'note', id: n.id, at: n.created_at, text: n.body, callId: n.call_id });
    if (contactRow) for (const a of repo.activitiesOf(contactRow.id)) interactions.push({ kind: 'activity', id: a.id, at: a.created_at, text: `${a.type}: ${a.body}`, callId: null });
  }
  interactions.sort((a, b) => b.at - a.at);

  return {
    call,
    identification: {
      kind: row.identification,
      matches,
      contactId: row.contact_id,
      companyId: row.company_id,
      e164: row.number_e164,
    },
    contact: contactRow
      ? {
          id: contactRow.id,
          displayName: contactRow.display_name,
          firstName: contactRow.first_name,
          lastName: contactRow.last_name,
          email: contactRow.email,
          role: contactRow.company_role,
          companyId: contactRow.company_id,
          phones: contactPhones.map(phoneOut),
        }
      : null,
    company: companyRow ? { id: companyRow.id, name: companyRow.name, phones: repo.companyPhones(companyRow.id).map(phoneOut) } : null,
    companyContacts: companyRow
      ? repo
          .companyContacts(companyRow.id)
          .filter((c) => c.id !== contactRow?.id)
          .map((c) => ({ id: c.id, displayName: c.display_name, role: c.company_role, email: c.email }))
      : [],
    orders,
    tasks: [...tasks.values()].slice(0, 20).map(taskOut),
    interactions: interactions.slice(0, INTERACTIONS),
    notes: repo.notesOf(row.id).map((n) => ({ id: n.id, callId: n.call_id, body: n.body, userId: n.user_id, createdAt: n.created_at, updatedAt: n.updated_at })),
    metadata: row.uniqueid ? repo.metadata(row.uniqueid) : {},
  };
}

/** The forms the caller's numbers are written in (HOMS keeps them as people typed them). */
function phoneFormsOf(phones: readonly PhoneRow[], row: CallRow): string[] {
  const forms = new Set<string>();
  for (const p of phones) {
    forms.add(p.raw);
    forms.add(p.e164);
  }
  forms.add(row.number_raw);
  if (row.number_e164) forms.add(row.number_e164);
  return [...forms].slice(0, 40);
}

function phoneOut(p: PhoneRow) {
  return { number: p.raw, e164: p.e164, label: p.kind };
}

function taskOut(t: TaskRow): CardTask {
  return { id: t.id, remote: t.remote, title: t.title, status: t.status, priority: t.priority, dueAt: t.due_at, assignee: t.remote_assignee, pending: t.remote !== null && t.remote_id === null };
}
