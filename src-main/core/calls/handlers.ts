// calls.*: one call each into the service (roles are checked by the dispatcher).
import type { HandlersFor } from '../rpc/dispatcher';
import type { CallsService } from './service';

export function callsHandlers(calls: CallsService): HandlersFor<'calls'> {
  return {
    'calls.current': () => calls.current(),
    'calls.recent': (input) => calls.recent(input.limit),
    'calls.card': (input) => calls.card(input.callId),
    'calls.lookup': (input) => calls.lookup(input.number),
    'calls.identify': (input) => calls.identifyCaller(input.callId, input),
    'calls.createContact': (input) => calls.createContact(input.callId, input),
    'calls.addNote': (input) => calls.addNote(input.callId, input.body),
    'calls.editNote': (input) => calls.editNote(input.noteId, input.body),
    'calls.setDisposition': (input) => calls.setDisposition(input.callId, input.code),
    'calls.linkOrder': (input) => calls.linkOrder(input.callId, input.orderRef),
    'calls.hangUp': (input) => calls.hangUp(input.callId),
    'calls.startAfterCallWork': (input) => calls.startAfterCallWork(input.callId),
    'calls.finishAfterCallWork': (input) => calls.finishAfterCallWork(input.callId, input.disposition),
    'calls.createFollowUp': (input) => calls.createFollowUp(input),
    'calls.assignees': (input) => calls.assignees(input.remote),
    'calls.config': () => calls.config(),
    'calls.saveConfig': (input) => calls.saveConfig(input),
    'calls.screenPop': () => calls.screenPopInfo(),
  };
}
