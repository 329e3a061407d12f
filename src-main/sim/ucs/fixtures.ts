/**
 * The UCS seed's own example records (seed 003), present in every simulator run so the document's
 * example requests (GET /crm/person/59233, /crm/person/external/abc123, /crm/company/10764,
 * /crm/company/external/ins, /call/1723018607.115, /metadata/1723018607.115) answer as documented,
 * and the records the seed's write examples act on exist (PATCH/DELETE /crm/person/123456, the company
 * PATCH naming persons 123456 and 123457, PATCH /user/123).
 */
import type { Json } from '../http';

export const FIXTURE_PERSONS: Json[] = [
  {
    id: 59233,
    group_id: 1,
    displayname: 'Ing. Petr Novák VIP',
    firstname: 'Petr',
    lastname: 'Novák',
    note: 'Pozor, je to převelice důležitý zákoš…',
    external_id: 'abc123',
    data: { expires: '2025-01-01 00:00:00' },
    contacts: [
      { id: 71615, type: 2, contact: 'a@b.cd', label: 'e-mail' },
      { id: 71616, type: 1, contact: '+420654321987', label: 'mobil' },
    ],
    interactions: [],
    companies: [], // the seed's Person Detail shows "companies": [ ]
    tasks: [],
  },
  {
    // "Person Create" example body, answered with id 123456; company 10764 lists it as `majitel`.
    // firstname/lastname stay null: the seed's "Person Update" example is what sets them.
    id: 123456,
    group_id: 1,
    displayname: 'Martin Dvořák',
    firstname: null,
    lastname: null,
    note: null,
    external_id: '321654987',
    data: {},
    contacts: [{ id: 71617, type: 1, contact: '+420222333444', label: 'kancelář' }], // the seed shows no contact id; ours
    interactions: [],
    companies: [{ company_id: 10764, role: 'majitel' }],
    tasks: [],
  },
  {
    // named only as a person_id in the seed's "Company Update" example; every other value is ours
    id: 123457,
    group_id: 1,
    displayname: 'Jana Dvořáková',
    firstname: 'Jana',
    lastname: 'Dvořáková',
    note: null,
    external_id: null,
    data: {},
    contacts: [],
    interactions: [],
    companies: [],
    tasks: [],
  },
];

export const FIXTURE_COMPANIES: Json[] = [
  {
    id: 10764,
    group_id: 1,
    name: 'INSOFT s.r.o.',
    external_id: 'ins',
    data: { ico: '04110889' },
    persons: [{ person_id: 123456, role: 'majitel' }], // as the seed's Company Detail prints it
    tasks: [],
  },
];

export const FIXTURE_CALLS: Json[] = [
  {
    price: 0,
    duration: 524,
    src_number: '+420776000001',
    src_name: '',
    dst_number: '1800',
    dst_name: ' Bob',
    src_internal: false,
    dst_internal: true,
    calldate: '2024-08-07 10:17:04',
    connected: '2024-08-07 10:17:07',
    disconnected: '2024-08-07 10:25:51',
    src_extension_id: null,
    dst_extension_id: 75,
    src_user_id: null,
    dst_user_id: 11,
    src_type: 'trunk',
    dst_type: 'phone',
    xfer_users: null,
    trunk_id: null,
    uniqueid: '1723018607.115',
    metadata: { ucrm_interaction_id: 30391, outbound_id: 0 },
    src_group_id: 1,
    dst_group_id: 1,
    pilot_number: '0776000001',
    ring_time: 4,
    talk_time: 524,
    hold_time: 0,
    cause: 3,
    recording: true,
    recording_duration: 523,
    path: [
      { date: '2024-08-07 10:16:47', type: 1, number: '0776000001', name: 'SIPY' },
      { date: '2024-08-07 10:17:04', type: 10000, number: '1800', name: 'Bob SP' },
      { date: '2024-08-07 10:17:04', type: 10711, number: '1800', name: ' Bob' },
      { date: '2024-08-07 10:17:04', type: 10001, number: '1800', name: 'Bob SP' },
      { date: '2024-08-07 10:17:07', type: 10002, number: '1800', name: 'Bob SP' },
      { date: '2024-08-07 10:25:51', type: 10720, number: '0776000001', name: '' },
      { date: '2024-08-07 10:25:51', type: 10, number: '0776000001', name: '' },
    ],
  },
];
