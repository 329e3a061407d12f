// The GS1 Application Identifiers Dockside reads and writes (a working subset of the GS1 General
// Specifications AI table), plus the "predefined length" prefix table that decides where an FNC1
// separator is needed.

export interface AiDef {
  ai: string;
  title: string;
  /** N = digits only, X = GS1 AI encodable character set 82. */
  charset: 'N' | 'X';
  minLength: number;
  maxLength: number;
  checkDigit?: boolean;
  date?: boolean;
  /** For 310n-style measures: decimal places = last digit of the AI. */
  decimals?: number;
  unit?: string;
}

const defs: AiDef[] = [
  { ai: '00', title: 'SSCC', charset: 'N', minLength: 18, maxLength: 18, checkDigit: true },
  { ai: '01', title: 'GTIN', charset: 'N', minLength: 14, maxLength: 14, checkDigit: true },
  { ai: '02', title: 'CONTENT', charset: 'N', minLength: 14, maxLength: 14, checkDigit: true },
  { ai: '10', title: 'BATCH/LOT', charset: 'X', minLength: 1, maxLength: 20 },
  { ai: '11', title: 'PROD DATE', charset: 'N', minLength: 6, maxLength: 6, date: true },
  { ai: '12', title: 'DUE DATE', charset: 'N', minLength: 6, maxLength: 6, date: true },
  { ai: '13', title: 'PACK DATE', charset: 'N', minLength: 6, maxLength: 6, date: true },
  { ai: '15', title: 'BEST BEFORE', charset: 'N', minLength: 6, maxLength: 6, date: true },
  { ai: '16', title: 'SELL BY', charset: 'N', minLength: 6, maxLength: 6, date: true },
  { ai: '17', title: 'USE BY', charset: 'N', minLength: 6, maxLength: 6, date: true },
  { ai: '20', title: 'VARIANT', charset: 'N', minLength: 2, maxLength: 2 },
  { ai: '21', title: 'SERIAL', charset: 'X', minLength: 1, maxLength: 20 },
  { ai: '22', title: 'CPV', charset: 'X', minLength: 1, maxLength: 20 },
  { ai: '30', title: 'VAR. COUNT', charset: 'N', minLength: 1, maxLength: 8 },
  { ai: '37', title: 'COUNT', charset: 'N', minLength: 1, maxLength: 8 },
  { ai: '240', title: 'ADDITIONAL ID', charset: 'X', minLength: 1, maxLength: 30 },
  { ai: '241', title: 'CUST. PART No.', charset: 'X', minLength: 1, maxLength: 30 },
  { ai: '250', title: 'SECONDARY SERIAL', charset: 'X', minLength: 1, maxLength: 30 },
  { ai: '400', title: 'ORDER NUMBER', charset: 'X', minLength: 1, maxLength: 30 },
  { ai: '401', title: 'GINC', charset: 'X', minLength: 1, maxLength: 30 },
  { ai: '402', title: 'GSIN', charset: 'N', minLength: 17, maxLength: 17, checkDigit: true },
  { ai: '410', title: 'SHIP TO LOC', charset: 'N', minLength: 13, maxLength: 13, checkDigit: true },
  { ai: '413', title: 'SHIP FOR LOC', charset: 'N', minLength: 13, maxLength: 13, checkDigit: true },
  { ai: '414', title: 'LOC No.', charset: 'N', minLength: 13, maxLength: 13, checkDigit: true },
  { ai: '420', title: 'SHIP TO POST', charset: 'X', minLength: 1, maxLength: 20 },
];
for (let n = 0; n <= 5; n++) {
  defs.push({ ai: `310${n}`, title: 'NET WEIGHT (kg)', charset: 'N', minLength: 6, maxLength: 6, decimals: n, unit: 'kg' });
  defs.push({ ai: `330${n}`, title: 'GROSS WEIGHT (kg)', charset: 'N', minLength: 6, maxLength: 6, decimals: n, unit: 'kg' });
}
for (let n = 1; n <= 9; n++) defs.push({ ai: `9${n}`, title: 'INTERNAL', charset: 'X', minLength: 1, maxLength: 90 });
defs.push({ ai: '90', title: 'INTERNAL', charset: 'X', minLength: 1, maxLength: 30 });

export const AIS: ReadonlyMap<string, AiDef> = new Map(defs.map((d) => [d.ai, d]));

/**
 * GS1 "predefined length" table: element strings whose AI starts with these two digits have a fixed
 * total length (AI + data) and are never followed by FNC1. Every other AI is delimited by FNC1 unless
 * it is last, even when its own data length happens to be fixed (e.g. 402).
 */
const PREDEFINED: Record<string, number> = {
  '00': 20, '01': 16, '02': 16, '03': 16, '04': 18,
  '11': 8, '12': 8, '13': 8, '14': 8, '15': 8, '16': 8, '17': 8, '18': 8, '19': 8,
  '20': 4, '31': 10, '32': 10, '33': 10, '34': 10, '35': 10, '36': 10, '41': 16,
};

export function predefinedLength(ai: string): number | undefined {
  return PREDEFINED[ai.slice(0, 2)];
}

/** The AI at the start of `s` (longest known match), if any. */
export function matchAi(s: string): AiDef | undefined {
  for (const len of [4, 3, 2]) {
    const def = AIS.get(s.slice(0, len));
    if (def) return def;
  }
  return undefined;
}

/** GS1 AI encodable character set 82 (ISO 646 subset). */
export const CHARSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
