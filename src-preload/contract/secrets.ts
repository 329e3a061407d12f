// secrets.*: remote credentials, kept by the platform's SecretStore (OS keychain / encrypted
// file). Names and whether each is set travel over the contract; a value only ever travels
// inward (secrets.set) and never comes back out: no method or event returns one.
import { z } from 'zod';
import { emptyInput, event, method } from './define';

/** The remote systems the station syncs with (also the outbox's `remote`). */
export const REMOTES = ['afosto', 'ucs', 'ultracart', 'homs', 'opentaps'] as const;
export const remoteSchema = z.enum(REMOTES);
export type Remote = z.infer<typeof remoteSchema>;

/** The credential fields a remote may need; a fixed set, so names cannot smuggle data. */
export const SECRET_FIELDS = ['username', 'password', 'apiKey', 'token', 'clientId', 'clientSecret', 'accessToken', 'simpleKey', 'authToken'] as const;
export const secretFieldSchema = z.enum(SECRET_FIELDS);
export type SecretField = z.infer<typeof secretFieldSchema>;

const NAME_PATTERN = new RegExp(`^remote\\.(${REMOTES.join('|')})\\.(${SECRET_FIELDS.join('|')})$`);
/** `remote.<remote>.<field>`, e.g. `remote.ucs.clientSecret`. */
export const secretNameSchema = z.string().regex(NAME_PATTERN, 'Expected remote.<remote>.<field>');
export type SecretName = z.infer<typeof secretNameSchema>;

export const secretEntrySchema = z.object({
  name: secretNameSchema,
  remote: remoteSchema,
  field: secretFieldSchema,
  set: z.boolean(),
});
export type SecretEntry = z.infer<typeof secretEntrySchema>;

export const secretListSchema = z.object({
  /** Every name a remote may use, with whether a value is stored. Never the value. */
  entries: z.array(secretEntrySchema),
  /** How values are kept, for the Settings screen (a warning when only a key file protects them). */
  storage: z.object({ backend: z.string(), encrypted: z.boolean(), warning: z.string().optional() }),
});
export type SecretList = z.infer<typeof secretListSchema>;

export const secretsMethods = {
  'secrets.list': method({
    input: emptyInput,
    output: secretListSchema,
    access: ['supervisor'],
    kind: 'query',
    description: 'Names of the remote credentials and whether each is set; never a value.',
  }),
  'secrets.set': method({
    input: z.object({ name: secretNameSchema, value: z.string().min(1).max(8192) }).strict(),
    output: secretListSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'Store (or replace) one credential; answers the list without values.',
  }),
  'secrets.remove': method({
    input: z.object({ name: secretNameSchema }).strict(),
    output: secretListSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'Forget one credential; answers the list without values.',
  }),
} as const;

export const secretsEvents = {
  'secrets.changed': event({ payload: secretListSchema, description: 'A credential was set or removed (names and flags only).' }),
} as const;
