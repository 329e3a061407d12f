// Numbers to ring in call tests, found in the simulator's generated data (seed 42, small) rather
// than hard-coded: a person with a number of their own and Afosto orders, a company switchboard
// that several people share, and a number nobody holds.
import { createDemoDataset } from '../../src-main/sim/generator';

export interface TestCallers {
  known: { number: string; e164: string; name: string; orders: string[] };
  shared: { number: string; names: string[]; company: string };
  unknown: { number: string };
}

export function testCallers(seed = 42): TestCallers {
  const ds = createDemoDataset({ seed, scale: 'small' });
  // Given and family name: what every form of the name UCS gives contains (titles and marks aside).
  const nameOf = (i: number) => `${ds.persons.get(i).givenName} ${ds.persons.get(i).familyName}`;
  const holders = new Map<string, number[]>();
  for (let i = 0; i < ds.counts.persons; i++) {
    for (const p of ds.persons.get(i).phones) holders.set(p.e164, [...(holders.get(p.e164) ?? []), i]);
  }
  const ordersOf = new Map<number, string[]>();
  for (let i = 0; i < ds.counts.orders; i++) {
    const o = ds.orders.get(i);
    ordersOf.set(o.customerIndex, [...(ordersOf.get(o.customerIndex) ?? []), o.number]);
  }
  let known: TestCallers['known'] | undefined;
  for (let i = 0; i < ds.counts.persons && !known; i++) {
    const p = ds.persons.get(i);
    const own = p.phones.find((x) => !x.shared && x.country === 'CZ' && x.type === 'mobile' && holders.get(x.e164)!.length === 1);
    if (own && p.companyIndex === null && ordersOf.get(i)?.length) {
      known = { number: own.national, e164: own.e164, name: nameOf(i), orders: ordersOf.get(i)! };
    }
  }
  let shared: TestCallers['shared'] | undefined;
  for (const [e164, people] of holders) {
    if (people.length < 3 || !e164.startsWith('+420')) continue;
    const first = ds.persons.get(people[0]!);
    if (first.companyIndex === null) continue;
    shared = { number: e164, names: people.map(nameOf), company: ds.companies.get(first.companyIndex).name };
    break;
  }
  // A Czech mobile no generated person holds.
  let n = 777000111;
  while (holders.has(`+420${n}`)) n++;
  if (!known || !shared) throw new Error('seed data has no suitable callers');
  return { known, shared, unknown: { number: `+420 ${String(n).replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3')}` } };
}
