import fs from 'node:fs';
import { z } from 'zod';
import { RemotesConfigError, remotesConfigSchema, resolveRemotes, type ResolvedRemotes } from '../core/connections/config';

/** The optional JSON file given with --config; flags on the command line win over it. */
export const webConfigSchema = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    dataDir: z.string().min(1).optional(),
    demo: z.boolean().optional(),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
    /** Remote systems; any secret may be {"env": "NAME"}. A remote left out is off. */
    remotes: remotesConfigSchema.optional(),
  })
  .strict();

export interface WebArgs {
  port: number;
  dataDir?: string;
  demo: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  help: boolean;
  /** From --config, env references resolved; undefined when the file has no `remotes`. */
  remotes?: ResolvedRemotes;
}

export const USAGE = `Usage: npm run start:web -- [--port N] [--data-dir DIR] [--config FILE] [--demo] [--log-level LEVEL]
  --port N          port on 127.0.0.1 (default 5170; 0 picks a free one)
  --data-dir DIR    where the database, settings, secrets and logs live
  --config FILE     JSON file with {port, dataDir, demo, logLevel, remotes}; flags win over it
  --demo            a demo station: the built-in simulator of the five remote systems on a free
                    loopback port, sample data, demo users; its data lives in "<default> Demo"`;

export class ArgsError extends Error {}

export function parseWebArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): WebArgs {
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new ArgsError(`Unexpected argument "${a}"`);
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (['demo', 'help'].includes(name)) {
      flags[name] = true;
    } else if (['port', 'data-dir', 'config', 'log-level'].includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new ArgsError(`--${name} needs a value`);
      flags[name] = value;
    } else {
      throw new ArgsError(`Unknown option --${name}`);
    }
  }
  let config: z.infer<typeof webConfigSchema> = {};
  if (typeof flags.config === 'string') {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(flags.config, 'utf8'));
    } catch (e) {
      throw new ArgsError(`Cannot read config ${flags.config}: ${(e as Error).message}`);
    }
    const parsed = webConfigSchema.safeParse(raw);
    if (!parsed.success) {
      throw new ArgsError(`Config ${flags.config}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    }
    config = parsed.data;
  }
  let remotes: ResolvedRemotes | undefined;
  if (config.remotes) {
    try {
      remotes = resolveRemotes(config.remotes, env);
    } catch (e) {
      if (e instanceof RemotesConfigError) throw new ArgsError(`Config ${String(flags.config)}: ${e.message}`);
      throw e;
    }
  }
  const port = typeof flags.port === 'string' ? Number(flags.port) : (config.port ?? 5170);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ArgsError(`--port must be 0–65535, got ${String(flags.port)}`);
  const logLevel = (typeof flags['log-level'] === 'string' ? flags['log-level'] : config.logLevel) ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new ArgsError(`--log-level must be debug, info, warn or error`);
  return {
    port,
    dataDir: typeof flags['data-dir'] === 'string' ? flags['data-dir'] : config.dataDir,
    demo: flags.demo === true || config.demo === true,
    logLevel: logLevel as WebArgs['logLevel'],
    help: flags.help === true,
    ...(remotes ? { remotes } : {}),
  };
}
