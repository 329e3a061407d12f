// printing.*: the contract methods of the printing capability, each a call into PrintService.
import type { HandlersFor } from '../rpc/dispatcher';
import type { PrintService } from './service';

export function printingHandlers(printing: PrintService, stationId: string): HandlersFor<'printing'> {
  return {
    'printing.listPrinters': () => printing.listPrinters(),
    'printing.savePrinter': (input) => printing.savePrinter(input),
    'printing.removePrinter': (input) => printing.removePrinter(input),
    'printing.assignPrinter': (input) => printing.assignRole({ stationId, ...input }),
    'printing.testPrinter': (input) => printing.testPrinter(input),
    'printing.printerStatus': (input) => printing.printerStatus(input),
    'printing.preview': (input) => printing.preview(input),
    'printing.jobs': (input) => printing.jobs(input),
    'printing.reprint': (input) => printing.reprint(input),
    'printing.lastJob': () => printing.lastJob(),
  };
}
