// connections.*: where each remote system lives and how the station signs in to it. Base URLs and
// the non-secret fields (HOMS e-mail, Opentaps client domain) travel both ways; secrets only go
// in (connections.save) and come back as "set" flags, never as values.
import { z } from 'zod';
import { emptyInput, event, method } from './define';
import { remoteSchema, secretFieldSchema, type Remote, type SecretField } from './secrets';

/** Non-secret fields beside the base URL, per remote. */
export const SETTING_FIELDS = ['email', 'clientDomain'] as const;
export const settingFieldSchema = z.enum(SETTING_FIELDS);
export type SettingField = z.infer<typeof settingFieldSchema>;

/** What each remote's document asks for. Afosto takes client credentials or a pasted access token. */
export const CONNECTION_FIELDS = {
  afosto: { settings: [], secrets: ['clientId', 'clientSecret', 'accessToken'] },
  ucs: { settings: [], secrets: ['clientId', 'clientSecret'] },
  ultracart: { settings: [], secrets: ['simpleKey'] },
  homs: { settings: ['email'], secrets: ['token'] },
  opentaps: { settings: ['clientDomain'], secrets: ['authToken'] },
} as const satisfies Record<Remote, { settings: readonly SettingField[]; secrets: readonly SecretField[] }>;

/** The kinds a failed test reports (RemoteError's kinds, and "nothing configured"). */
export const CONNECTION_FAILURE_KINDS = [
  'not_configured',
  'network',
  'timeout',
  'rate_limited',
  'server',
  'bad_response',
  'auth',
  'forbidden',
  'not_found',
  'conflict',
  'validation',
] as const;
export const connectionFailureKindSchema = z.enum(CONNECTION_FAILURE_KINDS);
export type ConnectionFailureKind = z.infer<typeof connectionFailureKindSchema>;

const baseUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => /^https?:\/\/[^\s/]+/i.test(s) && URL.canParse(s), 'Expected an http(s) URL');

export const connectionInfoSchema = z.object({
  remote: remoteSchema,
  configured: z.boolean(),
  baseUrl: z.string().nullable(),
  settings: z.partialRecord(settingFieldSchema, z.string()),
  /** Which of the remote's secrets are stored; never a value. */
  secrets: z.partialRecord(secretFieldSchema, z.boolean()),
  /** 'config' when the web mode's --config file set it at start (a save here lasts until the next start). */
  source: z.enum(['settings', 'config']).nullable(),
  updatedAt: z.number().int().nullable(),
});
export type ConnectionInfo = z.infer<typeof connectionInfoSchema>;

export const connectionListSchema = z.object({ connections: z.array(connectionInfoSchema) });
export type ConnectionList = z.infer<typeof connectionListSchema>;

const secretValue = z.string().min(1).max(8192);
const settingValue = z.string().trim().min(1).max(320);

export const connectionSaveSchema = z
  .object({
    remote: remoteSchema,
    baseUrl: baseUrlSchema,
    settings: z.partialRecord(settingFieldSchema, settingValue).default({}),
    /** A secret left out keeps the stored one (editing the URL does not need the secret again). */
    secrets: z
      .partialRecord(secretFieldSchema, secretValue)
      .default({}),
  })
  .strict()
  .superRefine((v, ctx) => {
    const allowed = CONNECTION_FIELDS[v.remote];
    for (const k of Object.keys(v.settings)) {
      if (!(allowed.settings as readonly string[]).includes(k)) ctx.addIssue({ code: 'custom', path: ['settings', k], message: `Not a field of ${v.remote}` });
    }
    for (const k of Object.keys(v.secrets)) {
      if (!(allowed.secrets as readonly string[]).includes(k)) ctx.addIssue({ code: 'custom', path: ['secrets', k], message: `Not a credential of ${v.remote}` });
    }
  });
export type ConnectionSave = z.input<typeof connectionSaveSchema>;

export const connectionTestResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({
    ok: z.literal(false),
    kind: connectionFailureKindSchema,
    status: z.number().int().optional(),
    /** The remote's own words, when it gave any: shown under our translated text, never alone. */
    remoteMessage: z.string().max(500).optional(),
  }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const connectionsMethods = {
  'connections.list': method({
    input: emptyInput,
    output: connectionListSchema,
    access: ['supervisor'],
    kind: 'query',
    description: 'Every remote with its base URL, non-secret fields and which secrets are set; never a secret.',
  }),
  'connections.save': method({
    input: connectionSaveSchema,
    output: connectionListSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'Configure one remote; secrets left out keep the stored ones. VALIDATION when the result is incomplete.',
  }),
  'connections.remove': method({
    input: z.object({ remote: remoteSchema }).strict(),
    output: connectionListSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'Turn one remote off: its settings and secrets are forgotten.',
  }),
  'connections.test': method({
    input: z.object({ remote: remoteSchema }).strict(),
    output: connectionTestResultSchema,
    access: ['supervisor'],
    kind: 'query',
    description: "Test the stored connection with the remote's cheapest authenticated call.",
  }),
} as const;

export const connectionsEvents = {
  'connections.changed': event({ payload: connectionListSchema, description: 'A connection was saved or removed (no secrets).' }),
} as const;
