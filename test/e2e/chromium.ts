// Which Chromium the browser tests drive, and how to start it: CHROMIUM_PATH if set, then Debian's
// /usr/bin/chromium, otherwise the build that ships on npm (@sparticuz/chromium), unpacked once
// with the NSS/NSPR libraries and fonts it brings, so a machine with only Node and npm runs them.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Our own flags, the same for every build. Not @sparticuz/chromium's `args`: those are for AWS
 * Lambda (--single-process, --no-zygote, --disable-web-security, …); one process for everything
 * breaks a second browser context and weakens what the tests see of the real app.
 */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export type ChromiumPick = { source: 'CHROMIUM_PATH' | 'system'; executablePath: string } | { source: 'npm' };

export interface ChromiumChoice {
  source: ChromiumPick['source'];
  executablePath: string;
  /** Added to the browser's environment (the npm build's libraries and fonts). */
  env: Record<string, string>;
  /** One line for the log: where it came from and where it is. */
  label: string;
}

/** The order of preference, without touching anything but `exists`. */
export function pickChromium(env: NodeJS.ProcessEnv, exists: (file: string) => boolean): ChromiumPick {
  // A CHROMIUM_PATH that is wrong is an error to see, not a reason to quietly use another browser.
  if (env.CHROMIUM_PATH) return { source: 'CHROMIUM_PATH', executablePath: env.CHROMIUM_PATH };
  if (exists(SYSTEM_CHROMIUM)) return { source: 'system', executablePath: SYSTEM_CHROMIUM };
  return { source: 'npm' };
}

/** The folder of @sparticuz/chromium's compressed files, and the package's version. */
export function npmChromiumPackage(): { binDir: string; version: string } {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const pkgDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  return { binDir: path.join(pkgDir, 'bin'), version };
}

/** Per package version and user, so an upgrade unpacks afresh and users do not share files. */
export function defaultCacheDir(version: string): string {
  const user = typeof process.getuid === 'function' ? `-${process.getuid()}` : '';
  return path.join(os.tmpdir(), `dockside-chromium-${version}${user}`);
}

/** The files a usable unpacked build has (a temp cleaner may have removed some since). */
function isComplete(dir: string): boolean {
  return ['chromium', 'lib/libnss3.so', 'fonts.conf'].every((f) => fs.existsSync(path.join(dir, f)));
}

/**
 * Unpacks chromium.br, al2023.tar.br (NSS, NSPR, expat) and fonts.tar.br from `binDir` into
 * `cacheDir`, unless a complete copy is there. Test workers may start together: each unpacks into
 * its own temp folder and renames it into place, and whoever loses the rename uses the winner's.
 */
export async function unpackNpmChromium(binDir: string, cacheDir: string): Promise<string> {
  if (isComplete(cacheDir)) return cacheDir;
  fs.mkdirSync(path.dirname(cacheDir), { recursive: true });
  if (fs.existsSync(cacheDir)) {
    // Incomplete: move it aside first (rename is atomic; a second worker doing the same just fails).
    const stale = `${cacheDir}.stale-${process.pid}-${Date.now()}`;
    try {
      fs.renameSync(cacheDir, stale);
      fs.rmSync(stale, { recursive: true, force: true });
    } catch {
      // someone else moved it
    }
  }
  const tmp = fs.mkdtempSync(`${cacheDir}.tmp-`);
  try {
    await pipeline(
      fs.createReadStream(path.join(binDir, 'chromium.br')),
      zlib.createBrotliDecompress(),
      fs.createWriteStream(path.join(tmp, 'chromium'), { mode: 0o755 }),
    );
    for (const archive of ['al2023.tar.br', 'fonts.tar.br']) {
      untar(zlib.brotliDecompressSync(fs.readFileSync(path.join(binDir, archive))), tmp);
    }
    // The package's fonts.conf points at Lambda's folders; ours adds its fonts to the system's.
    fs.writeFileSync(path.join(tmp, 'fonts.conf'), fontsConf(cacheDir));
    try {
      fs.renameSync(tmp, cacheDir);
    } catch (e) {
      if (!isComplete(cacheDir)) throw e;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return cacheDir;
}

function fontsConf(dir: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${esc(path.join(dir, 'fonts'))}</dir>
  <cachedir>${esc(path.join(dir, 'fontconfig-cache'))}</cachedir>
</fontconfig>
`;
}

/** Writes the regular files and folders of a tar archive below `dir`; any other entry is refused. */
export function untar(tar: Buffer, dir: string): void {
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, length: number) => header.toString('latin1', from, from + length).replace(/\0[\s\S]*$/, '');
    // Only POSIX ustar has a name prefix at 345; GNU tar keeps timestamps there.
    const prefix = header.toString('latin1', 257, 263) === 'ustar\0' ? field(345, 155) : '';
    const name = path.posix.join(prefix, field(0, 100));
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const mode = parseInt(field(100, 8).trim() || '644', 8) & 0o755;
    const type = field(156, 1) || '0';
    if (path.posix.isAbsolute(name) || name.split('/').includes('..')) throw new Error(`tar entry outside its folder: ${name}`);
    const target = path.join(dir, name);
    if (type === '5') fs.mkdirSync(target, { recursive: true });
    else if (type === '0') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, tar.subarray(at + 512, at + 512 + size), { mode });
    } else throw new Error(`tar entry of type ${type} is not supported: ${name}`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

/** Resolves the Chromium to use, unpacking the npm build first when it is the one. */
export async function chooseChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumChoice> {
  const pick = pickChromium(env, fs.existsSync);
  if (pick.source !== 'npm') {
    if (!fs.existsSync(pick.executablePath)) throw new Error(`CHROMIUM_PATH=${pick.executablePath} does not exist.`);
    return { ...pick, env: {}, label: `${pick.source === 'system' ? 'system' : 'CHROMIUM_PATH'} ${pick.executablePath}` };
  }
  return npmChromium();
}

/** The npm build, whatever else is installed (also used to test that it keeps working). */
export async function npmChromium(cacheDir?: string): Promise<ChromiumChoice> {
  const { binDir, version } = npmChromiumPackage();
  const dir = await unpackNpmChromium(binDir, cacheDir ?? defaultCacheDir(version));
  const lib = path.join(dir, 'lib');
  return {
    source: 'npm',
    executablePath: path.join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: path.join(dir, 'fonts.conf'),
    },
    label: `npm @sparticuz/chromium ${version} ${path.join(dir, 'chromium')}`,
  };
}

let chosen: Promise<ChromiumChoice> | undefined;

/** The choice for this process, made once. */
export function chromiumChoice(): Promise<ChromiumChoice> {
  return (chosen ??= chooseChromium());
}

export function launchOptions(choice: ChromiumChoice): LaunchOptions {
  return { executablePath: choice.executablePath, args: CHROMIUM_ARGS, env: { ...process.env, ...choice.env } };
}

/** Every browser test starts its browser here. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch(launchOptions(await chromiumChoice()));
}
