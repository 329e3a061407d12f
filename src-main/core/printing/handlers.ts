// printing.*: the contract methods of the printing capability. Inputs arrive validated by the
// dispatcher; each handler is one call into the capability.
import type { HandlersFor } from '../rpc/dispatcher';
import { preview } from './preview';
import type { Printing } from './service';

export function printingHandlers(printing: Printing, stationId: string): HandlersFor<'printing'> {
  const { printers, print } = printing;
  return {
    'printing.listPrinters': () => printers.list(),
    'printing.savePrinter': (input) => printers.save(input),
    'printing.hubPrinters': () => printing.hubPrinters(),
    'printing.removePrinter': (input) => printers.remove(input.id),
    'printing.assignPrinter': (input) => printers.assign({ stationId, ...input }),
    'printing.testPrinter': (input) => print.test(input.id),
    'printing.printerStatus': (input) => printers.status(input.id),
    'printing.preview': (input) => preview(input),
    'printing.jobs': (input) => print.list(input),
    'printing.reprint': (input) => print.reprint(input.id),
    'printing.lastJob': () => print.last(),
  };
}
