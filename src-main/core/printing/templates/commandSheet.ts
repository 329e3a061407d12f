// Command barcode sheet: big Code 128 symbols (CMD:NEXT, CMD:UNDO, …) a packer scans instead of
// touching the keyboard. Two columns, four rows per page. The codes are the scanning module's list.
import type { z } from 'zod';
import type { LayoutElement, LayoutInput } from '../layout/model';
import type { commandSheetDataSchema } from '../schemas';
import { commandCode, SHEET_COMMANDS, type FlowCommand } from '../../../../src-preload/scanning/commands';
import { caption, type CaptionKey, type Lang } from './captions';
import { paginate, paperFrame, placeLinear } from './common';

export type CommandSheetData = z.output<typeof commandSheetDataSchema>;

/** The sheet's caption for each command it prints (the codes come from the shared scanning list). */
const SHEET_CAPTIONS: Record<FlowCommand, CaptionKey> = {
  NEXT: 'cmdNext',
  UNDO: 'cmdUndo',
  SHORT: 'cmdShort',
  DONE: 'cmdDone',
  CANCEL: 'cmdCancel',
  REPRINT: 'cmdReprint',
  NEWPARCEL: 'cmdNewParcel',
  SKIP: 'cmdSkip',
};

export function defaultCommands(lang: Lang): { code: string; label: string }[] {
  return SHEET_COMMANDS.map((cmd) => ({ code: commandCode(cmd), label: caption(lang, SHEET_CAPTIONS[cmd]) }));
}

const MARGIN = 15;
const PER_PAGE = 8;

export function commandSheet(d: CommandSheetData): LayoutInput {
  const { widthMm, heightMm } = paperFrame(d.paper);
  const commands = d.commands ?? defaultCommands(d.lang);
  const title = d.title ?? caption(d.lang, 'commandSheet');
  const cellW = (widthMm - 2 * MARGIN) / 2;
  const top = MARGIN + 14;
  const cellH = (heightMm - top - MARGIN) / 4;
  const pages = paginate(commands, PER_PAGE, PER_PAGE).filter((p) => p.length > 0);
  return {
    widthMm,
    heightMm,
    dpi: 300,
    medium: 'document',
    title,
    pages: pages.map((cmds, p) => {
      const els: LayoutElement[] = [
        { type: 'text', id: 'title', x: MARGIN, y: MARGIN, width: widthMm - 2 * MARGIN, text: pages.length > 1 ? `${title} (${p + 1}/${pages.length})` : title, size: 18, bold: true, align: 'center' },
      ];
      cmds.forEach((cmd, i) => {
        const x = MARGIN + (i % 2) * cellW;
        const y = top + Math.floor(i / 2) * cellH + Math.max(0, (cellH - 52) / 2); // block is ~48 mm tall
        els.push(
          { type: 'box', x: x + 2, y: top + Math.floor(i / 2) * cellH + 2, width: cellW - 4, height: cellH - 4, thicknessMm: 0.3 },
          { type: 'text', id: `label-${cmd.code}`, x: x + 5, y: y + 6, width: cellW - 10, text: cmd.label, size: 15, bold: true, align: 'center' },
          placeLinear({ id: cmd.code, field: `commands.${p * PER_PAGE + i}.code`, symbology: 'code128', data: cmd.code, x: x + 3, width: cellW - 6, y: y + 16, heightMm: 24, preferredMm: 0.5, dpi: 300 }).element,
          { type: 'text', x: x + 5, y: y + 42, width: cellW - 10, text: cmd.code, size: 9, align: 'center' },
        );
      });
      return els;
    }),
  };
}
