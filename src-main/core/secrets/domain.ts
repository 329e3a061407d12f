// Pure rules for credential names: `remote.<remote>.<field>`, from the contract's fixed lists.
import { REMOTES, SECRET_FIELDS, type Remote, type SecretEntry, type SecretField, type SecretName } from '../../../src-preload/contract';

export function secretName(remote: Remote, field: SecretField): SecretName {
  return `remote.${remote}.${field}`;
}

/** Every name a remote may use, in a stable order, each marked set or not. */
export function secretEntries(stored: ReadonlySet<string>): SecretEntry[] {
  return REMOTES.flatMap((remote) =>
    SECRET_FIELDS.map((field) => {
      const name = secretName(remote, field);
      return { name, remote, field, set: stored.has(name) };
    }),
  );
}
