// agent.*: one call each into the service (roles are checked by the dispatcher).
import type { HandlersFor } from '../rpc/dispatcher';
import type { AgentService } from './service';

export function agentHandlers(agent: AgentService): HandlersFor<'agent'> {
  return {
    'agent.state': () => agent.state(),
    'agent.setStatus': (input) => agent.setStatus(input),
    'agent.history': (input) => agent.history(input.limit),
    'agent.ucsUsers': () => agent.ucsUsers(),
    'agent.link': (input) => agent.link(input.ucsUserId),
    'agent.config': () => agent.config(),
    'agent.setConfig': (input) => agent.setConfig(input),
    'agent.queues': () => agent.queues(),
    'agent.watchQueues': (input) => agent.watch(input.watcher, input.watching),
    'agent.pauseQueue': (input) => agent.pauseQueue(input.queueId, input.paused),
  };
}
