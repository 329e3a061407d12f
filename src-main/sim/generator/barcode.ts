/** GTIN helpers: EAN-13 and UPC-A with valid check digits. */

/** GS1 mod-10 check digit for the given data digits (without the check digit). */
export function gtinCheckDigit(data: string): number {
  if (!/^\d+$/.test(data)) throw new Error(`not digits: ${data}`);
  let sum = 0;
  // weights 3,1,3,1... from the rightmost data digit
  for (let i = 0; i < data.length; i++) {
    const d = data.charCodeAt(data.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(code: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}

/** EAN-13 from a GS1 prefix (2-3 digits) and a running number. */
export function makeEan13(prefix: string, n: number): string {
  const body = prefix + String(n).padStart(12 - prefix.length, '0').slice(-(12 - prefix.length));
  return body + String(gtinCheckDigit(body));
}

/** UPC-A (12 digits) from a running number: number system 0, 6-digit company, 5-digit item. */
export function makeUpcA(company: number, item: number): string {
  const body = '0' + String(company).padStart(5, '0').slice(-5) + String(item).padStart(5, '0').slice(-5);
  return body + String(gtinCheckDigit(body));
}
