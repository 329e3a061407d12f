// SSCC (AI 00): extension digit + GS1 company prefix + serial reference + check digit = 18 digits.
// Serials come from per-station ranges so two offline stations can never mint the same SSCC.
import { gs1CheckDigit, hasValidCheckDigit } from './checkDigit';

export interface SsccParts {
  extension: number;
  companyPrefix: string;
  serial: bigint | number;
}

export function serialDigits(companyPrefix: string): number {
  return 16 - companyPrefix.length;
}

export function makeSscc({ extension, companyPrefix, serial }: SsccParts): string {
  if (!Number.isInteger(extension) || extension < 0 || extension > 9) throw new Error('SSCC extension digit must be 0–9');
  if (!/^\d{6,12}$/.test(companyPrefix)) throw new Error('GS1 company prefix must be 6–12 digits');
  const s = BigInt(serial);
  const width = serialDigits(companyPrefix);
  if (s < 0n || s >= 10n ** BigInt(width)) throw new Error(`serial ${s} does not fit ${width} digits`);
  const body = `${extension}${companyPrefix}${s.toString().padStart(width, '0')}`;
  return body + String(gs1CheckDigit(body));
}

export function isValidSscc(sscc: string): boolean {
  return /^\d{18}$/.test(sscc) && hasValidCheckDigit(sscc);
}

export interface SerialRange {
  stationId: string;
  companyPrefix: string;
  extension: number;
  /** Inclusive first and last serial reference of the station's block. */
  first: bigint;
  last: bigint;
  /** Next serial to hand out. */
  next: bigint;
}

/** Persistence for per-station serial ranges; `take` must be atomic. */
export interface SerialRangeStore {
  assign(range: Omit<SerialRange, 'next'>): void;
  get(stationId: string): SerialRange | undefined;
  /** Atomically hand out the next serial of the station's range, or throw when exhausted. */
  take(stationId: string): { extension: number; companyPrefix: string; serial: bigint };
}

/**
 * Carve the serial space into equal blocks: station number `index` (0-based) gets block `index`.
 * An administrator assigns indexes once; no coordination is needed afterwards.
 */
export function blockForStation(companyPrefix: string, index: number, blockSize: bigint): { first: bigint; last: bigint } {
  const space = 10n ** BigInt(serialDigits(companyPrefix));
  const first = BigInt(index) * blockSize;
  const last = first + blockSize - 1n;
  if (index < 0 || blockSize <= 0n || last >= space) throw new Error('station block outside the serial space');
  return { first, last };
}

export class SsccAllocator {
  constructor(private readonly store: SerialRangeStore) {}

  next(stationId: string): string {
    return makeSscc(this.store.take(stationId));
  }
}
