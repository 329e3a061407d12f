// What a scanned code is. One answer for every screen and service: commands, badges, GS1 element
// strings, SSCCs, retail GTINs (EAN-13, EAN-8, UPC-A), or plain text (locations, order numbers…).
import { badgeTokenOf } from './badge';
import { commandOf, isCommandName, type CommandName } from './commands';
import { hasValidCheckDigit } from './gs1/checkDigit';
import { GS } from './gs1/elements';
import { parseGs1, type Gs1Symbology, type ParsedAi, type ParseOptions } from './gs1/parse';

export type ScanKind = 'command' | 'badge' | 'gs1' | 'sscc' | 'ean13' | 'ean8' | 'upca' | 'text';

export type Classified =
  /** `known: false` for a CMD: code no screen knows (still a command: it must get an answer). */
  | { kind: 'command'; code: string; command: string; known: false }
  | { kind: 'command'; code: string; command: CommandName; known: true }
  | { kind: 'badge'; code: string; token: string }
  /** `gtin` (14 digits) and `sscc` when the element string carries AI (01) / (00). */
  | { kind: 'gs1'; code: string; symbology: Gs1Symbology; elements: ParsedAi[]; gtin?: string; sscc?: string }
  | { kind: 'sscc'; code: string; sscc: string }
  /** `gtin` is the 14-digit form used in AI (01), so all three compare with a GS1 scan. */
  | { kind: 'ean13' | 'ean8' | 'upca'; code: string; gtin: string }
  | { kind: 'text'; code: string };

const SYMBOLOGY_ID = /^\][A-Za-z][0-9]/;
/** An unmarked element string is taken as GS1 only when it leads with an SSCC or GTIN (as labels do). */
const GS1_LEAD = /^0[012]\d/;

export function classify(raw: string, opts: ParseOptions = {}): Classified {
  const code = raw.replace(/[\r\n]+$/, '');
  const command = commandOf(code);
  if (command !== null) {
    return isCommandName(command) ? { kind: 'command', code, command, known: true } : { kind: 'command', code, command, known: false };
  }
  const token = badgeTokenOf(code);
  if (token !== null) return { kind: 'badge', code, token };

  if (/^\d+$/.test(code) && hasValidCheckDigit(code)) {
    if (code.length === 18) return { kind: 'sscc', code, sscc: code };
    if (code.length === 13) return { kind: 'ean13', code, gtin: code.padStart(14, '0') };
    if (code.length === 12) return { kind: 'upca', code, gtin: code.padStart(14, '0') };
    if (code.length === 8) return { kind: 'ean8', code, gtin: code.padStart(14, '0') };
  }

  // A plain word like "21-A-03" would parse as AI (21) SERIAL: only take what is marked as GS1
  // (symbology identifier, FNC1, the parenthesised form) or leads with (00)/(01)/(02).
  const marked = SYMBOLOGY_ID.test(code) || code.includes(GS) || code.startsWith('(') || GS1_LEAD.test(code);
  if (marked) {
    const parsed = parseGs1(code, opts);
    if (parsed.ok) {
      const sscc = parsed.elements.find((e) => e.ai === '00')?.value;
      const gtin = parsed.elements.find((e) => e.ai === '01')?.value;
      // A label carrying only its SSCC is the SSCC, however it was encoded.
      if (sscc !== undefined && parsed.elements.length === 1) return { kind: 'sscc', code, sscc };
      return {
        kind: 'gs1',
        code,
        symbology: parsed.symbology,
        elements: parsed.elements,
        ...(gtin !== undefined ? { gtin } : {}),
        ...(sscc !== undefined ? { sscc } : {}),
      };
    }
  }
  return { kind: 'text', code };
}
