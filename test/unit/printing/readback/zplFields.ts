// Reads ZPL back without a printer: the fields of each ^XA…^XZ format (position, barcode command
// and parameters, field data after ^FH), and a table-driven decoder for ^BC field data in "no
// mode" (m = N) written from the invocation table in Zebra's ZPL II Programming Guide, because
// zpl-renderer-js 3.4 draws some of it wrong (">5" is mis-encoded).

export interface ZplField {
  x: number;
  y: number;
  /** The field's barcode or font command, e.g. "BC", "BE", "BQ", "BX", "A0"; "" for a plain ^GB/^GF. */
  command: string;
  /** Parameters of that command, split at commas. */
  params: string[];
  /** ^BY module width in effect (dots). */
  module: number;
  /** ^FD data with ^FH hex escapes resolved (still with ^FB's "\&" and "\\" for text). */
  data: string;
}

/** "_5E" → "^" etc. for ^FH with the default indicator "_". */
export function unFieldHex(s: string): string {
  return s.replace(/_([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The fields of every format (one array per ^XA…^XZ). */
export function zplFields(zpl: string): ZplField[][] {
  const formats = zpl.split('^XZ').filter((f) => f.includes('^XA'));
  return formats.map((format) => {
    const fields: ZplField[] = [];
    let module = 2; // ^BY default
    for (const chunk of format.split('^FS')) {
      const fo = /\^FO(\d+),(\d+)/.exec(chunk);
      const by = /\^BY(\d+)/.exec(chunk);
      if (by) module = Number(by[1]);
      const fd = /\^FD([\s\S]*)$/.exec(chunk);
      if (!fo || !fd) continue;
      const cmd = /\^(B[A-XZ0-9]|A[0-9A-Z@])([^^]*)/.exec(chunk); // not ^BY
      const data = fd[1] ?? '';
      fields.push({
        x: Number(fo[1]),
        y: Number(fo[2]),
        command: cmd?.[1] ?? '',
        params: (cmd?.[2] ?? '').split(','),
        module,
        data: /\^FH/.test(chunk) ? unFieldHex(data) : data,
      });
    }
    return fields;
  });
}

/** Code 128 symbol values of the ZPL ^BC invocation characters (ZPL II Programming Guide, ^BC). */
export const BC_INVOCATIONS: Record<string, number> = {
  '><': 62,
  '>0': 30,
  '>=': 94,
  '>1': 95,
  '>2': 96, // FNC3
  '>3': 97, // FNC2
  '>4': 98, // Shift
  '>5': 99, // Code C
  '>6': 100, // Code B (FNC4 in B)
  '>7': 101, // Code A (FNC4 in A)
  '>8': 102, // FNC1
  '>9': 103, // Start A
  '>:': 104, // Start B
  '>;': 105, // Start C
};

export interface Code128Decoded {
  /** ]C1 when FNC1 is the first data character (GS1-128), else ]C0. */
  aim: string;
  /** Data with FNC1 after the first position as GS (0x1D), as a scanner transmits it. */
  raw: string;
  /** The symbol's values from the start character on (without check character and stop). */
  values: number[];
}

/** Decode ^BC field data (m = N) to what a scanner would read. */
export function decodeBcFieldData(data: string): Code128Decoded {
  const values: number[] = [];
  let set: 'A' | 'B' | 'C' = 'B';
  let i = 0;
  const startInv = BC_INVOCATIONS[data.slice(0, 2)];
  if (startInv !== undefined && startInv >= 103) {
    set = startInv === 103 ? 'A' : startInv === 104 ? 'B' : 'C';
    values.push(startInv);
    i = 2;
  } else values.push(104); // no start character given: the printer starts in subset B
  let raw = '';
  let aim = ']C0';
  let shift = false;
  const dataChar = (v: number, s: 'A' | 'B'): string => (s === 'A' ? String.fromCharCode(v < 64 ? v + 32 : v - 64) : String.fromCharCode(v + 32));
  const apply = (v: number, invocation: boolean): void => {
    values.push(v);
    const s = shift ? (set === 'A' ? 'B' : 'A') : set;
    shift = false;
    if (set === 'C' && !invocation) raw += String(v).padStart(2, '0');
    else if (v === 102) {
      if (values.length === 2) aim = ']C1';
      else raw += '\x1d';
    } else if (v === 99) set = 'C';
    else if (v === 100 && set !== 'B') set = 'B';
    else if (v === 101 && set !== 'A') set = 'A';
    else if (v === 98 && set !== 'C') shift = true;
    else if (v >= 96) throw new Error(`function code ${v} in ^BC data: not expected on our labels`);
    else raw += dataChar(v, s === 'C' ? 'B' : s);
  };
  while (i < data.length) {
    const inv = BC_INVOCATIONS[data.slice(i, i + 2)];
    if (data[i] === '>' && inv !== undefined) {
      if (inv >= 103) throw new Error(`start character ${data.slice(i, i + 2)} inside the data`);
      apply(inv, true);
      i += 2;
      continue;
    }
    if (data[i] === '>') throw new Error(`">" not followed by an invocation character at ${i} in "${data}"`);
    if (set === 'C') {
      const pair = data.slice(i, i + 2);
      if (!/^\d\d$/.test(pair)) throw new Error(`subset C needs digit pairs, got "${pair}" in "${data}"`);
      apply(Number(pair), false);
      i += 2;
      continue;
    }
    const c = data.charCodeAt(i);
    if (set === 'B') apply(c - 32, false);
    else apply(c >= 32 ? c - 32 : c + 64, false);
    i++;
  }
  return { aim, raw, values };
}

/** ^FB text: "\&" is a line break, "\\" a backslash. */
export function fieldBlockLines(data: string): string[] {
  return data.split('\\&').map((l) => l.replace(/\\\\/g, '\\'));
}

/** GS1 mod-10 check digit, which ^BE appends to its 12 digits. */
export function gs1CheckDigit(digits: string): string {
  const sum = Array.from(digits).reverse().reduce((a, d, i) => a + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return String((10 - (sum % 10)) % 10);
}
