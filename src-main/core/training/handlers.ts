// training.*: one call each into the service (roles are checked by the dispatcher, "demo only" by the service).
import type { HandlersFor } from '../rpc/dispatcher';
import type { TrainingService } from './service';

export function trainingHandlers(training: TrainingService): HandlersFor<'training'> {
  return {
    'training.state': () => training.state(),
    'training.startDemo': () => training.startDemo(),
    'training.status': () => training.status(),
    'training.ringCall': (input) => training.ringCall(input),
    'training.setOffline': (input) => training.setOffline(input.remote, input.offline),
    'training.injectFault': (input) => training.injectFault(input.remote, input.fault),
    'training.clearFaults': () => training.clearFaults(),
  };
}
