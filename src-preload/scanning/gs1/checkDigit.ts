// GS1 mod-10 check digit: weights 3,1,3,1… from the rightmost data digit. Same for GTIN-8/12/13/14,
// SSCC, GLN and GSIN.

/** Check digit for the data digits (the key without its check digit). */
export function gs1CheckDigit(data: string): number {
  if (!/^\d+$/.test(data)) throw new Error(`GS1 check digit needs digits, got "${data}"`);
  let sum = 0;
  for (let i = data.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += (data.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit is the correct check digit of the rest. */
export function hasValidCheckDigit(key: string): boolean {
  if (!/^\d{2,}$/.test(key)) return false;
  return gs1CheckDigit(key.slice(0, -1)) === key.charCodeAt(key.length - 1) - 48;
}

export function appendCheckDigit(data: string): string {
  return data + String(gs1CheckDigit(data));
}

/** A GTIN-8, -12, -13 or -14 with a valid check digit. */
export function isValidGtin(gtin: string): boolean {
  return /^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin) && hasValidCheckDigit(gtin);
}

/** Any GTIN widened to the 14-digit form used in AI (01). */
export function toGtin14(gtin: string): string {
  if (!isValidGtin(gtin)) throw new Error(`invalid GTIN "${gtin}"`);
  return gtin.padStart(14, '0');
}
