// One append-only log file that never grows without bound: before a line would take it past
// maxBytes it becomes NAME.1.EXT (NAME.1 → NAME.2 …) and the oldest beyond `keep` is deleted.
// Lines are written synchronously so the last ones before a crash are on disk; a write error (full
// disk) drops the line instead of taking the app down. Files are 0600 in a 0700 folder.
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 5;

export interface RotatingFile {
  readonly file: string;
  write(line: string): void;
  close(): void;
}

export function openRotatingFile(opts: { dir: string; name: string; maxBytes?: number; keep?: number }): RotatingFile {
  const maxBytes = opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const keep = Math.max(1, opts.keep ?? DEFAULT_LOG_KEEP);
  fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const file = path.join(opts.dir, opts.name);
  const ext = path.extname(opts.name);
  const base = opts.name.slice(0, opts.name.length - ext.length);
  const numbered = (n: number) => path.join(opts.dir, `${base}.${n}${ext}`);

  let fd: number | null = null;
  let size = 0;
  let closed = false;

  const open = () => {
    fd = fs.openSync(file, 'a', 0o600);
    size = fs.fstatSync(fd).size;
  };
  const rotate = () => {
    if (fd !== null) fs.closeSync(fd);
    fd = null;
    fs.rmSync(numbered(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) {
      if (fs.existsSync(numbered(n))) fs.renameSync(numbered(n), numbered(n + 1));
    }
    fs.renameSync(file, numbered(1));
    open();
  };

  return {
    file,
    write(line) {
      if (closed) return;
      try {
        if (fd === null) open();
        const bytes = Buffer.byteLength(line) + 1;
        if (size > 0 && size + bytes > maxBytes) rotate();
        fs.writeSync(fd as unknown as number, line + '\n');
        size += bytes;
      } catch {
        // A full disk or a vanished folder must not take the app down with it; try again next line.
        if (fd !== null) fs.closeSync(fd);
        fd = null;
      }
    },
    close() {
      closed = true;
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}
