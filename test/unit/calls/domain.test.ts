// The pure rules: reading an event from a screen-pop URL or a dockside:// link, what each event
// does to a call, who the caller is from the index matches, and the pack state of an order.
import { describe, expect, it } from 'vitest';
import type { CallerMatch } from '../../../src-preload/contract';
import { applyEvent, callEventOf, firstState, identify, packStateOf, parseCallLink, screenPopUrlOf } from '../../../src-main/core/calls/domain';

const q = (s: string) => new URLSearchParams(s);

describe('call events', () => {
  it('reads what UCS sends, ring by default, and keeps the params without the token', () => {
    const r = callEventOf(q('token=t&number=%2B420%20601%20123%20456&uniqueid=1724.77&queue=74&queue_name=NONLIFE'), 'endpoint');
    expect(r).toEqual({
      ok: true,
      event: {
        kind: 'ring',
        number: '+420 601 123 456',
        uniqueid: '1724.77',
        queue: '74',
        queueName: 'NONLIFE',
        transferTo: null,
        source: 'endpoint',
        params: { number: '+420 601 123 456', uniqueid: '1724.77', queue: '74', queue_name: 'NONLIFE' },
      },
    });
  });

  it('recognises answer, hang-up and transfer words; refuses unknown events, bad numbers and a ring without a number', () => {
    const kind = (e: string) => {
      const r = callEventOf(q(`number=601123456&uniqueid=1&event=${e}`), 'endpoint');
      return r.ok ? r.event.kind : r.problem;
    };
    expect(['ringing', 'answer', 'CONNECT', 'hangup', 'hang-up', 'ended', 'transfer', 'xfer'].map(kind)).toEqual([
      'ring', 'answer', 'answer', 'hangup', 'hangup', 'hangup', 'transfer', 'transfer',
    ]);
    expect(kind('explode')).toBe('bad_event');
    expect(callEventOf(q('number=<script>'), 'endpoint')).toEqual({ ok: false, problem: 'bad_number' });
    expect(callEventOf(q('uniqueid=5'), 'endpoint')).toEqual({ ok: false, problem: 'no_number' });
    // a hang-up finds its call by uniqueid alone
    const h = callEventOf(q('uniqueid=5&event=hangup'), 'endpoint');
    expect(h.ok && h.event.kind).toBe('hangup');
    const t = callEventOf(q('uniqueid=5&event=transfer&to=1800'), 'endpoint');
    expect(t.ok && t.event.transferTo).toBe('1800');
  });

  it('parses dockside://call links (both forms) and nothing else', () => {
    const a = parseCallLink('dockside://call?number=601123456&uniqueid=9.1&event=answer');
    expect(a.ok && [a.event.kind, a.event.number, a.event.uniqueid, a.event.source]).toEqual(['answer', '601123456', '9.1', 'link']);
    const b = parseCallLink('dockside:call?number=601123456');
    expect(b.ok && b.event.kind).toBe('ring');
    expect(parseCallLink('https://call?number=1')).toEqual({ ok: false, problem: 'not_a_call_link' });
    expect(parseCallLink('dockside://settings?number=1')).toEqual({ ok: false, problem: 'not_a_call_link' });
    expect(parseCallLink('not a url')).toEqual({ ok: false, problem: 'not_a_call_link' });
  });

  it('moves a call through ring → answer → hang-up once; repeats change nothing', () => {
    const ringing = firstState('ring', 1, null);
    expect(applyEvent(ringing, 'ring', 2)).toBeNull();
    const answered = applyEvent(ringing, 'answer', 3)!;
    expect(answered).toMatchObject({ status: 'answered', answeredAt: 3 });
    expect(applyEvent(answered, 'answer', 4)).toBeNull();
    const ended = applyEvent(answered, 'hangup', 5)!;
    expect(ended).toMatchObject({ status: 'ended', endedAt: 5 });
    expect(applyEvent(ended, 'hangup', 6)).toBeNull();
    expect(applyEvent(ringing, 'hangup', 7)).toMatchObject({ status: 'missed', endedAt: 7 });
    expect(applyEvent(answered, 'transfer', 8, '1800')).toMatchObject({ status: 'ended', transferredTo: '1800' });
    expect(firstState('hangup', 9, null)).toMatchObject({ status: 'missed' });
  });

  it('documents the call_url form', () => {
    expect(screenPopUrlOf(5171, 'a b')).toBe('http://127.0.0.1:5171/call?token=a%20b&number={number}&uniqueid={uniqueid}&queue={queue}');
  });
});

describe('identification', () => {
  const m = (over: Partial<CallerMatch>): CallerMatch => ({
    kind: 'contact', contactId: 'c', companyId: null, name: 'n', companyName: null, role: null, number: '1', label: null, exact: true, shared: false, ...over,
  });
  it('one holder is known, several exact holders need a choice, nobody is unknown', () => {
    expect(identify([m({})]).kind).toBe('known');
    expect(identify([m({ contactId: 'a' }), m({ contactId: 'b' })]).kind).toBe('choose');
    expect(identify([]).kind).toBe('unknown');
    // one exact holder beats national-form-only ones
    const r = identify([m({ contactId: 'exact' }), m({ contactId: 'likely', exact: false })]);
    expect(r).toMatchObject({ kind: 'known', match: { contactId: 'exact' } });
    expect(identify([m({ contactId: 'a', exact: false }), m({ contactId: 'b', exact: false })]).kind).toBe('choose');
  });
});

describe('pack state', () => {
  const parcel = (status: string, labelPrinted = false) => ({ status, labelPrinted, trackingNumber: null });
  it('follows the bench from first scan to transit', () => {
    expect(packStateOf({ scans: 0, parcels: [], shipmentStatuses: [] })).toBe('none');
    expect(packStateOf({ scans: 3, parcels: [], shipmentStatuses: [] })).toBe('picking');
    expect(packStateOf({ scans: 3, parcels: [parcel('open')], shipmentStatuses: [] })).toBe('packing');
    expect(packStateOf({ scans: 3, parcels: [parcel('finished')], shipmentStatuses: [] })).toBe('packed');
    expect(packStateOf({ scans: 3, parcels: [parcel('finished', true)], shipmentStatuses: [] })).toBe('labelled');
    expect(packStateOf({ scans: 3, parcels: [parcel('in_transit', true)], shipmentStatuses: [] })).toBe('shipped');
    // Afosto's own shipment status says as much as the bench
    expect(packStateOf({ scans: 0, parcels: [], shipmentStatuses: ['picked'] })).toBe('picking');
    expect(packStateOf({ scans: 0, parcels: [], shipmentStatuses: ['labeled'] })).toBe('labelled');
    expect(packStateOf({ scans: 0, parcels: [parcel('open')], shipmentStatuses: ['finished'] })).toBe('shipped');
  });
});
