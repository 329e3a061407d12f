// The `remotes` section of the web mode's --config file. Pure: the environment is passed in, so
// `{"env": "NAME"}` is resolved (and a missing variable named) before anything starts.
import { z } from 'zod';
import { CONNECTION_FIELDS, REMOTES, type Remote, type SecretField, type SettingField } from '../../../src-preload/contract';

/** A value written out, or `{"env": "NAME"}`: read from the environment at start. */
const valueSchema = z.union([z.string().min(1), z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Expected a variable name') }).strict()]);
type Value = z.infer<typeof valueSchema>;

function remoteEntrySchema(remote: Remote): z.ZodType<Record<string, Value>> {
  const { settings, secrets } = CONNECTION_FIELDS[remote];
  const shape: Record<string, z.ZodType> = { baseUrl: valueSchema };
  for (const f of [...settings, ...secrets]) shape[f] = valueSchema.optional();
  return z.object(shape).strict() as unknown as z.ZodType<Record<string, Value>>;
}

export const remotesConfigSchema = z
  .object(Object.fromEntries(REMOTES.map((r) => [r, remoteEntrySchema(r).optional()])) as unknown as Record<Remote, z.ZodOptional<z.ZodType<Record<string, Value>>>>)
  .strict();
export type RemotesConfig = z.infer<typeof remotesConfigSchema>;

/** One remote as read from the file, its env references replaced by their values. */
export interface ResolvedRemote {
  baseUrl: string;
  settings: Partial<Record<SettingField, string>>;
  secrets: Partial<Record<SecretField, string>>;
}
export type ResolvedRemotes = Partial<Record<Remote, ResolvedRemote>>;

export class RemotesConfigError extends Error {}

/**
 * Replaces every `{"env": NAME}` by the variable's value. A missing or empty variable is an error
 * naming the variable and where it was asked for (never the value of anything).
 */
export function resolveRemotes(config: RemotesConfig, env: Readonly<Record<string, string | undefined>>): ResolvedRemotes {
  const out: ResolvedRemotes = {};
  const missing: string[] = [];
  for (const remote of REMOTES) {
    const entry = config[remote];
    if (!entry) continue; // a remote left out is off
    const read = (field: string, v: Value): string | undefined => {
      if (typeof v === 'string') return v;
      const value = env[v.env];
      if (value === undefined || value === '') {
        missing.push(`${v.env} (remotes.${remote}.${field})`);
        return undefined;
      }
      return value;
    };
    const { settings: settingFields, secrets: secretFields } = CONNECTION_FIELDS[remote];
    const resolved: ResolvedRemote = { baseUrl: read('baseUrl', entry.baseUrl!) ?? '', settings: {}, secrets: {} };
    for (const f of settingFields) {
      const v = entry[f] !== undefined ? read(f, entry[f]) : undefined;
      if (v !== undefined) resolved.settings[f] = v;
    }
    for (const f of secretFields) {
      const v = entry[f] !== undefined ? read(f, entry[f]) : undefined;
      if (v !== undefined) resolved.secrets[f] = v;
    }
    out[remote] = resolved;
  }
  if (missing.length > 0) throw new RemotesConfigError(`Environment variable not set: ${missing.join(', ')}`);
  return out;
}
