// The pure UCS mappers: the seed's data-quality quirks, dates in the server's zone (the seed's CDR
// is Prague summer time: its uniqueid is the start's UNIX time), call direction and status.
import { describe, expect, it } from 'vitest';
import { cdrToCall, cleanText, companyToRow, personToContact, phoneRow, stationCountry, ucsDateToMs, type UcsCall } from '../../../../src-main/core/connectors/ucs';

const seedCall: UcsCall = {
  uniqueid: '1723018607.115', calldate: '2024-08-07 10:17:04', connected: '2024-08-07 10:17:07', disconnected: '2024-08-07 10:25:51',
  duration: 524, src_number: '+420776000001', src_name: '', dst_number: '1800', dst_name: ' Bob', src_internal: false, dst_internal: true,
  dst_user_id: 11, pilot_number: '0776000001', metadata: { ucrm_interaction_id: 30391, outbound_id: 0 },
  path: [{ date: '2024-08-07 10:16:47', type: 1, number: '0776000001', name: 'SIPY' }],
};

describe('UCS mappers', () => {
  it('names: null, "null" and padding are no name', () => {
    expect([cleanText(null), cleanText('null'), cleanText('  '), cleanText(' NN - Brokerska')]).toEqual([null, null, null, 'NN - Brokerska']);
    const c = personToContact({ id: 1, group_id: 1, displayname: 'admin', firstname: 'null', lastname: null, contacts: [] });
    expect(c).toMatchObject({ firstName: null, lastName: null, displayName: 'admin', phones: [], email: null, companies: null });
    expect(personToContact({ id: 7, group_id: 1, contacts: [] }).displayName).toBe('UCS person 7');
  });

  it('a person: phones in order with labels (digit-less ones left out), the first e-mail, its companies when shaped as documented for CompanyPerson', () => {
    const c = personToContact({
      id: 59233, group_id: 1, displayname: 'Ing. Petr Novák VIP', firstname: 'Petr', lastname: 'Novák', external_id: 'abc123',
      contacts: [
        { id: 1, type: 2, contact: 'a@b.cd', label: 'e-mail' },
        { id: 2, type: 1, contact: '+420654321987', label: 'mobil' },
        { id: 3, type: 1, contact: 'n/a', label: 'fax' },
        { id: 4, type: 3, contact: 'https://x.cz', label: 'web' },
      ],
      companies: [{ company_id: 10764, role: 'majitel' }],
    });
    expect(c).toMatchObject({ ucsPersonId: '59233', externalId: 'abc123', email: 'a@b.cd', phones: [{ raw: '+420654321987', kind: 'mobil' }], companies: [{ ucsCompanyId: '10764', role: 'majitel' }] });
  });

  it('a company: its people with their roles, the switchboard from data', () => {
    expect(companyToRow({ id: 10764, group_id: 1, name: 'INSOFT s.r.o.', external_id: 'ins', data: { ico: '04110889', telefon: '+420 222 111 000' }, persons: [{ person_id: 123456, role: 'majitel' }] })).toEqual({
      ucsCompanyId: '10764', externalId: 'ins', name: 'INSOFT s.r.o.', phones: [{ raw: '+420 222 111 000', kind: 'switchboard' }], persons: [{ ucsPersonId: '123456', role: 'majitel' }],
    });
  });

  it('phone keys: E.164 exact, national forms not; an unparseable number keeps its digits', () => {
    expect(phoneRow('+420 777 123 456', 'mobil', 'CZ')?.keys).toEqual([{ key: '+420777123456', exact: true }, { key: '777123456', exact: false }]);
    expect(phoneRow('06-12345678', null, 'NL')?.keys).toEqual([{ key: '+31612345678', exact: true }, { key: '612345678', exact: false }, { key: '0612345678', exact: false }]);
    expect(phoneRow('1800', null, 'CZ')).toEqual({ raw: '1800', e164: '1800', kind: null, keys: [{ key: '1800', exact: true }] });
    expect(phoneRow('n/a', null, 'CZ')).toBeUndefined();
    expect([stationCountry(undefined), stationCountry('XX'), stationCountry('SK')]).toEqual(['CZ', 'CZ', 'SK']);
  });

  it('UCS dates are server-local: the seed CDR path starts at its uniqueid’s UNIX time in Prague summer time; winter and DST edges too', () => {
    expect(ucsDateToMs('2024-08-07 10:16:47', 'Europe/Prague')).toBe(1723018607_000);
    expect(ucsDateToMs('2024-01-15 12:00:00', 'Europe/Prague')).toBe(Date.UTC(2024, 0, 15, 11));
    expect(ucsDateToMs('2024-03-31 03:30:00', 'Europe/Prague')).toBe(Date.UTC(2024, 2, 31, 1, 30)); // just after spring-forward
    expect([ucsDateToMs(null, 'Europe/Prague'), ucsDateToMs('yesterday', 'Europe/Prague')]).toEqual([null, null]);
  });

  it('a CDR as a call: direction from src/dst_internal, the outside number, status from connected/disconnected', () => {
    expect(cdrToCall(seedCall, 'CZ', 'Europe/Prague')).toEqual({
      uniqueid: '1723018607.115', direction: 'inbound', numberRaw: '+420776000001', numberE164: '+420776000001', status: 'ended',
      startedAt: Date.UTC(2024, 7, 7, 8, 17, 4), answeredAt: Date.UTC(2024, 7, 7, 8, 17, 7), endedAt: Date.UTC(2024, 7, 7, 8, 25, 51),
      metadata: { ucrm_interaction_id: 30391, outbound_id: 0 },
    });
    const missed = cdrToCall({ ...seedCall, connected: null }, 'CZ', 'Europe/Prague');
    expect([missed.status, missed.answeredAt]).toEqual(['missed', null]);
    expect(cdrToCall({ ...seedCall, disconnected: null }, 'CZ', 'Europe/Prague').status).toBe('answered');
    expect(cdrToCall({ ...seedCall, connected: null, disconnected: null }, 'CZ', 'Europe/Prague').status).toBe('ringing');
    const out = cdrToCall({ ...seedCall, src_internal: true, dst_internal: false, src_number: '1800', dst_number: '00421905123456' }, 'CZ', 'Europe/Prague');
    expect([out.direction, out.numberRaw, out.numberE164]).toEqual(['outbound', '00421905123456', '+421905123456']);
  });
});
