// The agent's status follows calls: wrap-up in and out, and each unanswered call counted once as a
// missed offer however often calls.changed repeats it.
import { describe, expect, it } from 'vitest';
import type { AfterCallWork, CallSummary } from '../../../src-preload/contract';
import { afterCallWorkToAgent, followOffers } from '../../../src-main/core/agent/followCalls';
import type { EventListener } from '../../../src-main/core/rpc/events';

function fakeAgent() {
  const seen: string[] = [];
  return {
    seen,
    enterAfterCallWork: (callId: string, userId?: string | null) => (seen.push(`enter ${callId} ${userId}`), null),
    leaveAfterCallWork: (callId?: string) => void seen.push(`leave ${callId}`),
    missedOffer: () => (seen.push('missed'), null),
    offerAnswered: () => void seen.push('answered'),
  };
}

const acw = (status: AfterCallWork['status']): AfterCallWork => ({ callId: 'c1', status, startedAt: 0, endsAt: 1, remainingMs: 0, finishedAt: null, userId: 'u1' });
const call = (id: string, status: CallSummary['status']) => ({ id, status }) as CallSummary;

describe('agent follows calls', () => {
  it('after-call work running enters the wrap-up for the call’s agent; finished or timed out leaves it', () => {
    const agent = fakeAgent();
    const to = afterCallWorkToAgent(agent);
    to(acw('running'));
    to(acw('timed_out'));
    to(acw('finished'));
    expect(agent.seen).toEqual(['enter c1 u1', 'leave c1', 'leave c1']);
  });

  it('a missed call counts once however often it is repeated; an answer resets; other events are ignored', () => {
    const agent = fakeAgent();
    const listeners = new Set<EventListener>();
    const bus = {
      subscribe: (l: EventListener) => (listeners.add(l), () => void listeners.delete(l)),
      emit: (e: 'calls.incoming' | 'calls.changed', p: CallSummary) => listeners.forEach((l) => l(e, p)),
    };
    const off = followOffers(bus, agent);
    bus.emit('calls.incoming', call('a', 'ringing'));
    bus.emit('calls.changed', call('a', 'missed'));
    bus.emit('calls.changed', call('a', 'missed')); // a note added later
    bus.emit('calls.changed', call('b', 'missed'));
    bus.emit('calls.changed', call('c', 'answered'));
    bus.emit('calls.changed', call('c', 'answered'));
    off();
    bus.emit('calls.changed', call('d', 'missed'));
    expect(agent.seen).toEqual(['missed', 'missed', 'answered']);
  });
});
