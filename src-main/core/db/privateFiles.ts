// Owner-only files and folders for everything that holds station data or secrets (issue 7,
// point 10): a copied database or key file must not be readable by other local accounts.
// Modes are set at creation and tightened on open when an older version left them looser.
// On Windows chmod only toggles read-only, so these are no-ops there (ACLs are the profile's).
import fs from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates dir (and parents) as 0700, and tightens dir itself to 0700 if it exists looser. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/** Tightens an existing file to 0600 (no-op when it is missing or already private). */
export function tightenFile(file: string): void {
  tighten(file, PRIVATE_FILE_MODE);
}

/** Creates an empty 0600 file if none exists, so whatever writes it later inherits the mode. */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  tightenFile(file);
}

function tighten(p: string, mode: number): void {
  if (process.platform === 'win32') return;
  let current: number;
  try {
    current = fs.statSync(p).mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  // Only ever remove bits: a folder the owner made stricter stays so.
  if ((current & ~mode) !== 0) fs.chmodSync(p, current & mode);
}
