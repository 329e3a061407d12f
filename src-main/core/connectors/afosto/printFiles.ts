// Carrier labels and packing slips from the parcel_label / parcel_slip pushes, sent to this
// station's printers through the printing capability's service (never its repo). The file is kept
// in remote_files before this runs; here it becomes a print job whose id is derived from the
// outbox op, so an op retried after a lost reply (or a crash after printing) prints once.
import type { Logger } from '../../log/logger';
import type { PrintFileRequest } from '../../printing/print';
import type { AfostoFileEvent } from './push';

/** The part of printing's PrintService this needs. */
export interface FilePrinter {
  printFile(f: PrintFileRequest): unknown;
}

/** The print job id of an op's file: stable across attempts of the same op. */
export const afostoFileJobId = (kind: 'label' | 'slip', opId: string): string => `afosto-${kind}-${opId}`;

/** `onFile` for afostoSync: ZPL to the label printer as it is, PDF to the page printer. */
export function printAfostoFiles(printer: FilePrinter, logger: Logger): (f: AfostoFileEvent) => void {
  return (f) => {
    if (f.format === 'other') {
      logger.warn('afosto file not printable', { kind: f.kind, fileId: f.fileId, mime: f.file.meta.mime ?? null });
      return;
    }
    try {
      printer.printFile({
        id: afostoFileJobId(f.kind, f.opId),
        kind: f.kind === 'label' ? 'carrier_label' : 'packing_slip',
        format: f.format,
        bytes: f.file.bytes,
        title: `${f.kind === 'label' ? 'Carrier label' : 'Packing slip'} ${f.file.meta.filename ?? f.fileId}`,
        parcelId: f.parcelId,
      });
    } catch (e) {
      // the push itself succeeded (the file is stored): a printing problem must not resend it
      logger.warn('afosto file not queued for printing', { kind: f.kind, fileId: f.fileId, error: e instanceof Error ? e.message : String(e) });
    }
  };
}
