/**
 * Opentaps CRM-2 activities and tasks (seed 004 + field names from Opentaps' own client scripts).
 */
import { AGENTS } from './agents';
import { genOrder, genPerson } from './entities';
import { ANCHOR_MS, hex24For, iso } from './ids';
import { rngFor } from './prng';
import type { Json } from './afosto/index';

export const OT_CLIENT_DOMAIN = 'dockside.example';

/** Opentaps contact id of agent k (0..AGENTS-1). */
export function otAgentContactId(seed: number, k: number): string {
  return hex24For(seed, 'otContact', k);
}

/** Opentaps contact id of customer person i. */
export function otCustomerContactId(seed: number, i: number): string {
  return hex24For(seed, 'otContact', 1000 + i);
}

const NOTE_TEXTS = [
  'Zákazník se ptal na termín doručení objednávky {o}.',
  'Caller asked for delivery ETA on order {o}.',
  'Kunde meldet beschädigte Ware, Bestellung {o}.',
  'Klant wil adres wijzigen voor bestelling {o}.',
  'Zákazník žiada vrátenie peňazí za {o}.',
];
const TASK_TEXTS = ['Zavolat zpět – reklamace {o}', 'Call back customer about damaged parcel ({o})', 'Rückruf: Lieferadresse prüfen ({o})', 'Ověřit stav zásilky {o}'];

export function otActivity(seed: number, k: number): Json {
  const r = rngFor(seed, 'ot-activity', k);
  const type = r.weighted<string>([
    ['NOTE', 45],
    ['TASK', 30],
    ['EMAIL', 15],
    ['FOLLOWUP_EMAIL', 10],
  ]);
  const orderIndex = Math.floor(r.next() * (2 * k + 10));
  const o = genOrder(seed, orderIndex);
  const cust = genPerson(seed, o.customerIndex);
  const agentK = r.int(0, 9);
  const created = ANCHOR_MS + k * 29 * 60_000;
  const text = (type === 'TASK' ? r.pick(TASK_TEXTS) : r.pick(NOTE_TEXTS)).replace('{o}', o.number);
  const a: Json = {
    _id: hex24For(seed, 'otActivity', k),
    clientDomain: OT_CLIENT_DOMAIN,
    activityType: type,
    noteText: text,
    status: type === 'TASK' ? r.weighted<string>([['CREATED', 40], ['STARTED', 20], ['COMPLETED', 30], ['CANCELLED', 10]]) : 'COMPLETED',
    attributes: { orderId: o.number, customerEmail: cust.email, ...(r.chance(0.3) ? { ucsUniqueId: `${Math.floor(created / 1000) - 60}.${k + 3}` } : {}) },
    contacts: [{ contactId: otCustomerContactId(seed, o.customerIndex), role: 'customer' }],
    responsibleContactId: otAgentContactId(seed, agentK),
    createdDateTime: iso(created),
  };
  if (type === 'TASK') {
    a.scheduledDateTime = iso(created + r.int(2, 72) * 3_600_000);
    a.assignedToContact = [otAgentContactId(seed, agentK)];
  }
  return a;
}

export function otAgentContacts(seed: number): Json[] {
  return AGENTS.map((a, k) => ({
    contactId: otAgentContactId(seed, k),
    firstName: a.givenName,
    lastName: a.familyName,
    companyName: 'Dockside Demo s.r.o.',
    clientDomain: OT_CLIENT_DOMAIN,
    emails: [{ email: a.email, purpose: 'PRIMARY' }],
    attributes: { employeeId: a.employeeId },
  }));
}
