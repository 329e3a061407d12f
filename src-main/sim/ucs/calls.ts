/** Simulated calls (ring / answer / hang up, driven through the control API) with their CDRs and the screen pop. */
import { ucs as U } from '../generator/index';
import type { Json } from '../http';
import type { UcsContext } from './context';
import type { UcsSystem } from './index';

export interface SimCall {
  uniqueid: string;
  number: string;
  queueId: number;
  state: 'ringing' | 'talking' | 'ended';
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  agentUserId: number | null;
  personId: number | null;
  screenPop: { url: string; status: number | null; error: string | null; at: string } | null;
}

function normalisePhone(s: string): string {
  let d = s.replace(/[^\d+]/g, '');
  if (d.startsWith('00')) d = `+${d.slice(2)}`;
  if (!d.startsWith('+')) {
    if (/^0[1-9]/.test(d) && d.length === 10) d = `+420${d.slice(1)}`;
    else if (d.length === 9) d = `+420${d}`;
  }
  return d;
}

export function createCallSim(sim: UcsContext): Pick<UcsSystem, 'ring' | 'answer' | 'hangup' | 'calls'> {
  const { state, ds, persons, users, memberships, queues, simCalls, cdrOverlay, metadataOverlay, getMetadata, queueDef } = sim;
  let callCounter = ds.counts.calls + 1000;
  let phoneIndex: Map<string, number> | null = null;
  const findPerson = (number: string): number | null => {
    const n = normalisePhone(number);
    for (const [, p] of persons.touched()) if ((p.contacts ?? []).some((c: Json) => c.type === 1 && normalisePhone(c.contact) === n)) return p.id;
    if (ds.counts.persons > 20_000) return null; // large scale: no full phone index in the sim
    if (!phoneIndex) {
      phoneIndex = new Map();
      for (let i = 0; i < ds.counts.persons; i++) for (const ph of ds.persons.get(i).phones) if (!phoneIndex.has(ph.e164)) phoneIndex.set(ph.e164, i);
    }
    const i = phoneIndex.get(n);
    if (i === undefined) return null;
    const p = persons.getAt(i);
    return p ? p.id : null;
  };
  const fmt = U.ucsDate;
  const cdrFor = (c: SimCall): Json => {
    const q = queueDef(c.queueId) as Json;
    const agent = c.agentUserId !== null ? users.get(c.agentUserId) : undefined;
    const end = c.endedAt ?? state.now();
    const talk = c.answeredAt ? Math.round((end - c.answeredAt) / 1000) : 0;
    const path: Json[] = [
      { date: fmt(c.startedAt), type: 1, number: '0222111000', name: 'SIPY' },
      { date: fmt(c.startedAt), type: 10000, number: q.number, name: q.name },
    ];
    if (c.answeredAt && agent) {
      path.push({ date: fmt(c.answeredAt), type: 10711, number: String(agent.primary_extension ?? ''), name: ` ${agent.firstname ?? agent.username}` }, { date: fmt(c.answeredAt), type: 10002, number: String(agent.primary_extension ?? ''), name: `${agent.firstname ?? agent.username} SP` });
    }
    if (c.endedAt) path.push({ date: fmt(c.endedAt), type: 10720, number: c.number, name: '' }, { date: fmt(c.endedAt), type: 10, number: c.number, name: '' });
    return {
      price: 0,
      duration: Math.round((end - c.startedAt) / 1000),
      src_number: c.number,
      src_name: '',
      dst_number: agent ? String(agent.primary_extension ?? '') : q.number,
      dst_name: agent ? ` ${agent.firstname ?? agent.username}` : q.name,
      src_internal: false,
      dst_internal: true,
      calldate: fmt(c.startedAt),
      connected: c.answeredAt ? fmt(c.answeredAt) : null,
      disconnected: c.endedAt ? fmt(c.endedAt) : null,
      src_extension_id: null,
      dst_extension_id: agent?.wssip_device_id ?? null,
      src_user_id: null,
      dst_user_id: agent?.id ?? null,
      src_type: 'trunk',
      dst_type: agent ? 'phone' : 'queue',
      xfer_users: null,
      trunk_id: 1,
      uniqueid: c.uniqueid,
      metadata: getMetadata(c.uniqueid) ?? {},
      src_group_id: 1,
      dst_group_id: q.group_id,
      pilot_number: '0222111000',
      ring_time: Math.round(((c.answeredAt ?? end) - c.startedAt) / 1000),
      talk_time: talk,
      hold_time: 0,
      cause: c.answeredAt ? 16 : 19,
      recording: !!c.answeredAt,
      recording_duration: Math.max(0, talk - 1),
      path,
    };
  };
  const storeCdr = (c: SimCall): void => {
    cdrOverlay.set(c.uniqueid, cdrFor(c));
  };
  const findQueue = (ref: string | number): Json | undefined => queues.find((q) => String(q.id) === String(ref) || q.number === String(ref) || q.name === ref);

  return {
  async ring(number, queueRef) {
    const q = findQueue(queueRef);
    if (!q) return { error: `Unknown queue ${queueRef}` };
    if (!number) return { error: 'number is required' };
    const now = state.now();
    const uniqueid = `${Math.floor(now / 1000)}.${++callCounter}`;
    const personId = findPerson(number);
    const call: SimCall = { uniqueid, number, queueId: q.id, state: 'ringing', startedAt: now, answeredAt: null, endedAt: null, agentUserId: null, personId, screenPop: null };
    simCalls.set(uniqueid, call);
    metadataOverlay.set(uniqueid, { ucrm_interaction_id: 40000 + callCounter, outbound_id: 0 });
    storeCdr(call);
    const url = state.config.screenPopUrl;
    if (url) {
      const params = { number, uniqueid, queue: String(q.id), queue_name: q.name, queue_number: q.number };
      let target = url.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent((params as Record<string, string>)[k] ?? ''));
      if (target === url) {
        const u = new URL(url);
        for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
        target = u.toString();
      }
      call.screenPop = { url: target, status: null, error: null, at: new Date(now).toISOString() };
      try {
        const res = await fetch(target, { method: 'GET', signal: AbortSignal.timeout(3000) });
        call.screenPop.status = res.status;
        await res.arrayBuffer().catch(() => undefined);
      } catch (e) {
        call.screenPop.error = (e as Error).message;
      }
    }
    return structuredClone(call);
  },
  answer(uniqueid, agent) {
    const c = simCalls.get(uniqueid);
    if (!c) return { error: `Unknown call ${uniqueid}` };
    if (c.state !== 'ringing') return { error: `Call ${uniqueid} is ${c.state}` };
    let u: Json | undefined;
    if (agent !== undefined) u = users.get(Number(agent)) ?? [...users.values()].find((x) => x.external_id === agent || x.username === agent);
    else {
      const ids = [...memberships].filter(([, qs]) => qs.some((m: Json) => m.id === c.queueId && !m.suspended)).map(([id]) => id);
      u = users.get(ids[0] ?? 11);
    }
    if (!u) return { error: `Unknown agent ${agent}` };
    c.state = 'talking';
    c.answeredAt = state.now();
    c.agentUserId = u.id;
    storeCdr(c);
    return structuredClone(c);
  },
  hangup(uniqueid) {
    const c = simCalls.get(uniqueid);
    if (!c) return { error: `Unknown call ${uniqueid}` };
    if (c.state === 'ended') return { error: `Call ${uniqueid} already ended` };
    c.endedAt = Math.max(state.now(), c.startedAt + 1000);
    const q = queueDef(c.queueId);
    if (q) {
      if (c.answeredAt) {
        q.answered++;
        q.talktime += Math.round((c.endedAt - c.answeredAt) / 1000);
        q.last_call_answer = c.answeredAt / 1000;
      } else q.abandoned++;
      q.last_call_enter = c.startedAt / 1000;
    }
    c.state = 'ended';
    storeCdr(c);
    return structuredClone(c);
  },
  calls() {
    return [...simCalls.values()].map((c) => structuredClone(c));
  },
  };
}
