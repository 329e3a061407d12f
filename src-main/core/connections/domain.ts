// Pure rules: turning a stored connection (base URL, non-secret fields, secrets) into the
// connector's own config, checked by the connector's own schema.
import type { ConnectionFailureKind, Remote, SecretField, SettingField } from '../../../src-preload/contract';
import { afostoConfigSchema, type AfostoConfig } from '../connectors/afosto/client';
import { isRemoteErrorKind } from '../connectors/shared/errors';
import { homsConfigSchema, type HomsConfig } from '../connectors/homs';
import { opentapsConfigSchema, type OpentapsConfig } from '../connectors/opentaps';
import { ucsConfigSchema, type UcsConfig } from '../connectors/ucs';
import type { UltracartConfig } from '../connectors/ultracart';
import { z } from 'zod';

const ultracartConfigSchema = z.object({ baseUrl: z.url(), simpleKey: z.string().min(1) });

export interface ConfigOf {
  afosto: AfostoConfig;
  ucs: UcsConfig;
  ultracart: UltracartConfig;
  homs: HomsConfig;
  opentaps: OpentapsConfig;
}

export interface StoredConnection {
  baseUrl: string;
  settings: Partial<Record<SettingField, string>>;
  secrets: Partial<Record<SecretField, string>>;
}

/** The connector config, or the list of what is missing (field names only, never values). */
export function connectorConfig<R extends Remote>(remote: R, c: StoredConnection): { ok: true; config: ConfigOf[R] } | { ok: false; problems: string[] } {
  const { baseUrl, settings: st, secrets: se } = c;
  let raw: Record<string, unknown>;
  switch (remote) {
    case 'afosto':
      // A pasted token wins when both are stored; save() keeps only one of the two ways anyway.
      raw = se.accessToken ? { baseUrl, accessToken: se.accessToken } : { baseUrl, clientId: se.clientId, clientSecret: se.clientSecret };
      break;
    case 'ucs':
      raw = { baseUrl, clientId: se.clientId, clientSecret: se.clientSecret };
      break;
    case 'ultracart':
      raw = { baseUrl, simpleKey: se.simpleKey };
      break;
    case 'homs':
      raw = { baseUrl, email: st.email, token: se.token };
      break;
    default:
      raw = { baseUrl, authToken: se.authToken, clientDomain: st.clientDomain };
  }
  const schema = { afosto: afostoConfigSchema, ucs: ucsConfigSchema, ultracart: ultracartConfigSchema, homs: homsConfigSchema, opentaps: opentapsConfigSchema }[remote];
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data as ConfigOf[R] };
  // Only paths: a zod message could echo an input value.
  const problems = [...new Set(parsed.error.issues.flatMap((i) => (i.code === 'invalid_union' ? i.errors.flat().map((e) => e.path.join('.')) : [i.path.join('.')])))];
  return { ok: false, problems: problems.filter(Boolean).length > 0 ? problems.filter(Boolean) : ['(config)'] };
}

/** The RemoteError kinds a test may answer with; anything else thrown counts as network. */
export function failureKind(kind: unknown): ConnectionFailureKind {
  return isRemoteErrorKind(kind) ? kind : 'network';
}
