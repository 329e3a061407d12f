// Pure rules of call handling: reading a call event (screen-pop URL, dockside:// link, queue poll),
// what an event does to a call, who the caller is from the phone-index matches, how far the bench
// got with an order, and the after-call work clock. No I/O here.
import { z } from 'zod';
import type {
  AfterCallWork,
  CallEventKind,
  CallSource,
  CallStatus,
  CallerMatch,
  CallsConfig,
  IdentificationKind,
  PackState,
} from '../../../src-preload/contract';

// ---- call events -------------------------------------------------------------------------------

/** One event about a call, from whichever way it arrived. */
export interface CallEvent {
  kind: CallEventKind;
  /** The caller's number as the PBX sent it ('' when an answer / hang-up does not repeat it). */
  number: string;
  uniqueid: string | null;
  queue: string | null;
  queueName: string | null;
  /** transfer: where to ('' when the PBX does not say). */
  transferTo: string | null;
  source: CallSource;
  /** The parameters as received, kept with the event for support. */
  params: Record<string, string>;
  /** Set by the station itself (calls.hangUp): the local call, which may have no uniqueid. */
  callId?: string;
}

/** The words PBXs and agent bars use for the four events (the `event` parameter), lower-cased. */
const EVENT_WORDS: Record<string, CallEventKind> = {
  ring: 'ring',
  ringing: 'ring',
  incoming: 'ring',
  offer: 'ring',
  answer: 'answer',
  answered: 'answer',
  connect: 'answer',
  connected: 'answer',
  hangup: 'hangup',
  'hang-up': 'hangup',
  hang_up: 'hangup',
  end: 'hangup',
  ended: 'hangup',
  disconnect: 'hangup',
  transfer: 'transfer',
  transferred: 'transfer',
  xfer: 'transfer',
};

export function eventKindOf(word: string | null | undefined): CallEventKind | undefined {
  if (word === null || word === undefined || word.trim() === '') return 'ring';
  return EVENT_WORDS[word.trim().toLowerCase()];
}

const param = z.string().trim().max(200);
const number = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+\d\s().\-/*#]*$/, 'a phone number');

/** Why an event was refused (the endpoint answers 400 with it). */
export type CallEventProblem = 'bad_event' | 'bad_number' | 'no_number' | 'bad_param';

/**
 * Query parameters (screen-pop URL or dockside:// link) → an event. The names UCS fills in
 * (`number`, `uniqueid`, `queue`, `queue_name`) and a few aliases (`caller`, `callerid`, `cid`,
 * `call_id`, `to`) are read; `event` says ring (the default), answer, hangup or transfer. A ring
 * needs a number; the others need a number or a uniqueid (to find the call).
 */
export function callEventOf(params: URLSearchParams, source: CallSource): { ok: true; event: CallEvent } | { ok: false; problem: CallEventProblem } {
  const get = (...names: string[]): string | null => {
    for (const n of names) {
      const v = params.get(n);
      if (v !== null && v.trim() !== '') return v;
    }
    return null;
  };
  const kind = eventKindOf(get('event', 'state', 'type'));
  if (!kind) return { ok: false, problem: 'bad_event' };
  const rawNumber = get('number', 'caller', 'callerid', 'cid', 'from') ?? '';
  const n = number.safeParse(rawNumber);
  if (!n.success) return { ok: false, problem: 'bad_number' };
  const fields = {
    uniqueid: param.safeParse(get('uniqueid', 'call_id', 'callid') ?? ''),
    queue: param.safeParse(get('queue', 'queue_id') ?? ''),
    queueName: param.safeParse(get('queue_name') ?? ''),
    transferTo: param.safeParse(get('to', 'transfer_to', 'target') ?? ''),
  };
  for (const f of Object.values(fields)) if (!f.success) return { ok: false, problem: 'bad_param' };
  const text = (r: { data?: string }): string | null => (r.data ? r.data : null);
  const uniqueid = text(fields.uniqueid);
  if (!/\d/.test(n.data) && (kind === 'ring' || !uniqueid)) return { ok: false, problem: 'no_number' };
  const kept: Record<string, string> = {};
  for (const [k, v] of params) if (k !== 'token' && Object.keys(kept).length < 20) kept[k.slice(0, 40)] = v.slice(0, 200);
  return {
    ok: true,
    event: {
      kind,
      number: n.data,
      uniqueid,
      queue: text(fields.queue),
      queueName: text(fields.queueName),
      transferTo: kind === 'transfer' ? (text(fields.transferTo) ?? '') : null,
      source,
      params: kept,
    },
  };
}

export const CALL_LINK_PROTOCOL = 'dockside:';

/**
 * A `dockside://call?number=…&uniqueid=…&event=…` link (the desktop app's protocol handler; the
 * Electron adapter passes the URL here). Also takes `dockside:call?…`. Anything else is refused.
 */
export function parseCallLink(link: string): { ok: true; event: CallEvent } | { ok: false; problem: CallEventProblem | 'not_a_call_link' } {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return { ok: false, problem: 'not_a_call_link' };
  }
  if (url.protocol !== CALL_LINK_PROTOCOL) return { ok: false, problem: 'not_a_call_link' };
  // dockside://call?… puts "call" in the host; dockside:call?… in the path.
  const target = (url.host || url.pathname).replace(/^\/+|\/+$/g, '').toLowerCase();
  if (target !== 'call') return { ok: false, problem: 'not_a_call_link' };
  return callEventOf(url.searchParams, 'link');
}

/** The call as the state machine sees it. */
export interface CallState {
  status: CallStatus;
  answeredAt: number | null;
  endedAt: number | null;
  transferredTo: string | null;
}

/**
 * What an event does to a call, or null when it changes nothing (a repeat, or an event the call is
 * past: an answer after the hang-up). A transfer ends the call at this station (it went elsewhere).
 */
export function applyEvent(call: CallState, kind: CallEventKind, now: number, transferTo: string | null = null): CallState | null {
  switch (kind) {
    case 'ring':
      return null; // the call exists: a repeated ring never opens a second card
    case 'answer':
      return call.status === 'ringing' ? { ...call, status: 'answered', answeredAt: now } : null;
    case 'hangup':
      if (call.status === 'ringing') return { ...call, status: 'missed', endedAt: now };
      if (call.status === 'answered') return { ...call, status: 'ended', endedAt: now };
      return null;
    case 'transfer':
      if (call.status === 'ringing' || call.status === 'answered') {
        return { ...call, status: call.status === 'answered' ? 'ended' : 'missed', endedAt: now, transferredTo: transferTo ?? '' };
      }
      return null;
  }
}

/** A new call's state for its first event (an answer or hang-up whose ring we never saw still makes a call). */
export function firstState(kind: CallEventKind, now: number, transferTo: string | null): CallState {
  const ringing: CallState = { status: 'ringing', answeredAt: null, endedAt: null, transferredTo: null };
  if (kind === 'ring') return ringing;
  if (kind === 'answer') return applyEvent(ringing, 'answer', now)!;
  if (kind === 'hangup') return applyEvent(ringing, 'hangup', now)!;
  return applyEvent({ ...ringing, status: 'answered', answeredAt: now }, 'transfer', now, transferTo)!;
}

/**
 * A ring nobody followed up for this long is no longer shown as ringing (UCS's call_url reports the
 * ring only; the CDR sweep or the agent's hang-up closes it later). Queue waits rarely reach it.
 */
export const STALE_RING_MS = 10 * 60_000;

export function isStaleRing(status: CallStatus, startedAt: number, now: number): boolean {
  return status === 'ringing' && now - startedAt > STALE_RING_MS;
}

// ---- identification ----------------------------------------------------------------------------

/**
 * One holder → known; several exact holders (a shared switchboard) or several likely ones →
 * choose; none → unknown. A single exact match wins over national-form-only ones (a national form
 * may be shared across countries). Exactly one company and only its people? Still a chooser: the
 * agent says who is speaking.
 */
export function identify(matches: readonly CallerMatch[]): { kind: IdentificationKind; match: CallerMatch | null } {
  if (matches.length === 0) return { kind: 'unknown', match: null };
  const exact = matches.filter((m) => m.exact);
  const pool = exact.length > 0 ? exact : matches;
  if (pool.length === 1) return { kind: 'known', match: pool[0]! };
  return { kind: 'choose', match: null };
}

// ---- pack state --------------------------------------------------------------------------------

export interface PackFacts {
  scans: number;
  parcels: { status: string; labelPrinted: boolean; trackingNumber: string | null }[];
  shipmentStatuses: string[];
}

const SHIPPED = /transit|shipped|deliver|handed/i;
const CLOSED = /finish|closed|packed|done|ready|label/i;

/**
 * How far the bench got, from what the local tables say (see PACK_STATES). Afosto's shipment
 * status (open, listed, picked, packed, labeled, in_transit, finished) counts as much as the
 * bench's own parcels and scans: whichever says further wins.
 */
export function packStateOf(f: PackFacts): PackState {
  const ship = (re: RegExp) => f.shipmentStatuses.some((s) => re.test(s));
  if (f.parcels.some((p) => SHIPPED.test(p.status)) || ship(/^(in_transit|finished)$/)) return 'shipped';
  if (f.parcels.some((p) => p.labelPrinted) || ship(/^labell?ed$/)) return 'labelled';
  if ((f.parcels.length > 0 && f.parcels.every((p) => CLOSED.test(p.status))) || ship(/^packed$/)) return 'packed';
  if (f.parcels.length > 0) return 'packing';
  if (f.scans > 0 || ship(/^picked$/)) return 'picking';
  return 'none';
}

// ---- after-call work ---------------------------------------------------------------------------

export interface AcwRow {
  call_id: string;
  user_id: string | null;
  status: AfterCallWork['status'];
  started_at: number;
  ends_at: number;
  finished_at: number | null;
}

export function acwOf(r: AcwRow, now: number): AfterCallWork {
  return {
    callId: r.call_id,
    status: r.status,
    startedAt: r.started_at,
    endsAt: r.ends_at,
    remainingMs: r.status === 'running' ? Math.max(0, Math.round(r.ends_at - now)) : 0,
    finishedAt: r.finished_at,
    userId: r.user_id,
  };
}

// ---- configuration -----------------------------------------------------------------------------

export const DEFAULT_CALLS_CONFIG: CallsConfig = {
  dispositions: [
    { code: 'resolved', label: 'Resolved' },
    { code: 'order_status', label: 'Order status' },
    { code: 'callback', label: 'Call back' },
    { code: 'complaint', label: 'Complaint' },
    { code: 'sales', label: 'Sales enquiry' },
    { code: 'wrong_number', label: 'Wrong number' },
    { code: 'unspecified', label: 'Not specified' },
  ],
  defaultDisposition: 'unspecified',
  acwSeconds: 60,
  queues: [],
  poll: false,
};

/** What is wrong with a configuration a supervisor saves, or null. */
export function configProblem(c: CallsConfig): 'default_not_listed' | 'duplicate_code' | null {
  const codes = new Set(c.dispositions.map((d) => d.code));
  if (codes.size !== c.dispositions.length) return 'duplicate_code';
  if (!codes.has(c.defaultDisposition)) return 'default_not_listed';
  return null;
}

/** The UCS metadata keys Dockside writes on a call (a differential merge: only these keys). */
export const METADATA_KEYS = { disposition: 'disposition', noteId: 'note_id', note: 'note', orderRef: 'order_ref', followUp: 'followup_task_id' } as const;

/** A note as it goes into the call's metadata: its text, cut to what a CDR field reasonably holds. */
export function noteForMetadata(body: string): string {
  return body.length <= 1000 ? body : `${body.slice(0, 999)}…`;
}

/**
 * The screen-pop URL a UCS team's `call_url` points at: UCS fills the {placeholders} per call.
 * `event` may be added for answer / hangup / transfer (…&event=hangup).
 */
export function screenPopUrlOf(port: number, token: string): string {
  return `http://127.0.0.1:${port}/call?token=${encodeURIComponent(token)}&number={number}&uniqueid={uniqueid}&queue={queue}`;
}
