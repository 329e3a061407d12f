// The agent's status follows the calls capability: after-call work enters and leaves the
// wrap-up state, and a call that rang out unanswered counts as a missed offer (auto-AUX after N).
// `calls.changed` repeats for the same call (notes, disposition…), so each call counts once.
import type { AfterCallWork, CallSummary } from '../../../src-preload/contract';
import type { EventBus } from '../rpc/events';
import type { AgentService } from './service';

type AgentHooks = Pick<AgentService, 'enterAfterCallWork' | 'leaveAfterCallWork' | 'missedOffer' | 'offerAnswered'>;

/** For `startCalls`' onAfterCallWork (it also hears the wrap-ups that timed out while the app was closed). */
export function afterCallWorkToAgent(agent: AgentHooks): (a: AfterCallWork) => void {
  return (a) => {
    if (a.status === 'running') agent.enterAfterCallWork(a.callId, a.userId);
    else agent.leaveAfterCallWork(a.callId);
  };
}

/** Counts missed and answered offers from `calls.changed`; returns the unsubscribe. */
export function followOffers(events: Pick<EventBus, 'subscribe'>, agent: AgentHooks): () => void {
  const counted = new Map<string, CallSummary['status']>();
  return events.subscribe((event, payload) => {
    if (event !== 'calls.changed' && event !== 'calls.incoming') return;
    const call = payload as CallSummary;
    if (call.status !== 'missed' && call.status !== 'answered') return;
    if (counted.get(call.id) === call.status) return;
    counted.set(call.id, call.status);
    if (counted.size > 500) counted.delete(counted.keys().next().value as string);
    if (call.status === 'missed') agent.missedOffer();
    else agent.offerAnswered();
  });
}
