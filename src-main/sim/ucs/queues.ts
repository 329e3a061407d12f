/** Status and enumerations: server status, live queues (with the simulated callers), groups, roles, teams. */
import { json, type Json } from '../http';
import type { UcsContext } from './context';
import { API, ok } from './protocol';

export function registerQueues(sim: UcsContext): void {
  const { r, state, ds, simCalls, persons, queues, groups, roles, teams } = sim;
  const liveQueue = (q: Json): Json => {
    const inQ = [...simCalls.values()].filter((c) => c.queueId === q.id && c.state !== 'ended');
    const now = state.now();
    return {
      ...q,
      callers_waiting: inQ.filter((c) => c.state === 'ringing').length,
      callers_ringing: inQ.filter((c) => c.state === 'ringing' && c.agentUserId !== null).length,
      callers_talking: inQ.filter((c) => c.state === 'talking').length,
      agents_talking: inQ.filter((c) => c.state === 'talking').length,
      callers: inQ.map((c) => ({
        uniqueid: c.uniqueid,
        number: c.number,
        name: c.personId !== null ? (persons.get(String(c.personId))?.displayname ?? '') : '',
        person_id: c.personId,
        state: c.state === 'ringing' ? 'waiting' : 'talking',
        agent_id: c.agentUserId,
        entered: c.startedAt / 1000,
        wait_time: Math.round(((c.answeredAt ?? now) - c.startedAt) / 1000),
      })),
    };
  };
  r.get(`${API}/status`, () => json(200, ds.ucs.status));
  r.get(`${API}/queues`, () => ok(queues.map(liveQueue)));
  r.get(`${API}/groups`, () => ok(groups));
  r.get(`${API}/roles`, () => ok(roles));
  r.get(`${API}/teams`, () => ok(teams));
}
