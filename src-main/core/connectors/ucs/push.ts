// What the station sends to UCS: µCRM person and company creates and updates, and call metadata
// merges. Each handler sends one outbox op; a create that may already have landed (its reply was
// lost) is looked up by external_id first (createPersonOnce / createCompanyOnce), and a create's
// new UCS id is written back to the local row so later updates of the same entity find it.
import { z } from 'zod';
import type { PushAttempt, PushOp } from '../../sync/push';
import type { ConnectorDeps, PushDef } from '../../sync/types';
import { RemoteError } from '../shared/errors';
import { configuredClient, mayHaveCreated } from '../shared/push';
import type { UcsClient } from './client';
import { UcsRepo } from './repo';
import { metadataPatchSchema, personPatchSchema, type UcsPersonCreate } from './schemas';

/**
 * The outbox operations of remote 'ucs', with the entity each is enqueued under (entityId = the
 * local row's id: contacts.id, companies.id, calls.id).
 */
export const UCS_OPS = {
  contactCreate: 'contact.create',
  contactUpdate: 'contact.update',
  companyCreate: 'company.create',
  companyUpdate: 'company.update',
  callMetadata: 'call.metadata',
} as const;

/** The group a record is created in when the op names none: "Group 1 always exists" (document). */
export const DEFAULT_GROUP_ID = 1;

/**
 * Person create / update: the µCRM fields as UCS takes them. `contacts`, when sent, replace the
 * person's whole list. A create without `external_id` sends the local contact's external id, or
 * else its local id: the reference a lost reply is found again by.
 */
export const contactPayloadSchema = personPatchSchema;
export type UcsContactPayload = z.infer<typeof contactPayloadSchema>;

/** A company's person: by UCS id, or by local contact id (resolved when the op is sent). */
const companyPersonRefSchema = z
  .object({ person_id: z.number().int().optional(), contact_id: z.string().min(1).optional(), role: z.string().optional() })
  .refine((p) => p.person_id !== undefined || p.contact_id !== undefined, 'person_id or contact_id is required');

/** Company create / update. `persons`, when sent, replace the company's whole list. */
export const companyPayloadSchema = z.object({
  group_id: z.number().int().optional(),
  name: z.string().optional(),
  external_id: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  persons: z.array(companyPersonRefSchema).optional(),
});
export type UcsCompanyPayload = z.infer<typeof companyPayloadSchema>;

/** Differential metadata merge of a call: keys sent are set, keys left out stay, `null` deletes. */
export const callMetadataPayloadSchema = z.object({
  /** The call's UCS uniqueid; read from the local call row when left out. */
  uniqueid: z.string().min(1).optional(),
  patch: metadataPatchSchema,
});
export type UcsCallMetadataPayload = z.infer<typeof callMetadataPayloadSchema>;

const notFound = (message: string): RemoteError => new RemoteError({ remote: 'ucs', kind: 'not_found', message, remoteMessage: message });

export function ucsPushes(deps: ConnectorDeps<UcsClient>): PushDef[] {
  const repo = new UcsRepo(deps.db);
  const clientOf = (): Promise<UcsClient> => configuredClient(deps, 'UCS');

  /** The UCS person of a local contact: its written-back id, else found by the reference a create sent. */
  const personIdOf = async (client: UcsClient, contactId: string): Promise<number | undefined> => {
    const local = repo.contactById(contactId);
    if (local?.ucs_person_id) return Number(local.ucs_person_id);
    for (const ext of new Set([local?.external_id, contactId])) {
      if (!ext) continue;
      const found = await client.findPersonByExternalId(ext);
      if (found) {
        deps.db.tx(() => repo.setContactUcsId(contactId, String(found.id), null, deps.clock.now()));
        return found.id;
      }
    }
    return undefined;
  };

  const companyIdOf = async (client: UcsClient, companyId: string): Promise<number | undefined> => {
    const local = repo.companyById(companyId);
    if (local?.ucs_company_id) return Number(local.ucs_company_id);
    for (const ext of new Set([local?.external_id, companyId])) {
      if (!ext) continue;
      const found = await client.findCompanyByExternalId(ext);
      if (found) {
        deps.db.tx(() => repo.setCompanyUcsId(companyId, String(found.id), null, deps.clock.now()));
        return found.id;
      }
    }
    return undefined;
  };

  /** Local contact references → UCS person ids. A contact whose own create has not landed yet makes the op wait. */
  const resolvePersons = async (client: UcsClient, persons: UcsCompanyPayload['persons']) => {
    if (!persons) return undefined;
    return Promise.all(
      persons.map(async (p) => {
        const id = p.person_id ?? (await personIdOf(client, p.contact_id as string));
        if (id === undefined) throw new Error(`contact ${p.contact_id} is not in UCS yet`);
        return { person_id: id, ...(p.role !== undefined ? { role: p.role } : {}) };
      }),
    );
  };

  const contactCreate = async (op: PushOp<UcsContactPayload>, attempt: PushAttempt) => {
    const client = await clientOf();
    const local = repo.contactById(op.entityId);
    const externalId = op.payload.external_id ?? local?.external_id ?? op.entityId;
    const person: UcsPersonCreate & { external_id: string } = { ...op.payload, group_id: op.payload.group_id ?? DEFAULT_GROUP_ID, external_id: externalId };
    const created = await client.createPersonOnce(person, { retry: mayHaveCreated(attempt) });
    deps.db.tx(() => repo.setContactUcsId(op.entityId, String(created.id), op.payload.external_id ?? null, deps.clock.now()));
    return { ucsPersonId: created.id, existed: created.existed };
  };

  const contactUpdate = async (op: PushOp<UcsContactPayload>) => {
    const client = await clientOf();
    const id = await personIdOf(client, op.entityId);
    if (id === undefined) throw notFound(`contact ${op.entityId} is not in UCS (it was never created there)`);
    await client.updatePerson(id, op.payload);
    return { ucsPersonId: id };
  };

  const companyCreate = async (op: PushOp<UcsCompanyPayload>, attempt: PushAttempt) => {
    const client = await clientOf();
    const local = repo.companyById(op.entityId);
    const externalId = op.payload.external_id ?? local?.external_id ?? op.entityId;
    const persons = await resolvePersons(client, op.payload.persons);
    const { persons: _refs, ...rest } = op.payload;
    const created = await client.createCompanyOnce(
      { ...rest, group_id: op.payload.group_id ?? DEFAULT_GROUP_ID, external_id: externalId, ...(persons ? { persons } : {}) },
      // UCS refuses a duplicate external_id for persons but not for companies: look first.
      { retry: mayHaveCreated(attempt) },
    );
    deps.db.tx(() => repo.setCompanyUcsId(op.entityId, String(created.id), op.payload.external_id ?? null, deps.clock.now()));
    return { ucsCompanyId: created.id, existed: created.existed };
  };

  const companyUpdate = async (op: PushOp<UcsCompanyPayload>) => {
    const client = await clientOf();
    const id = await companyIdOf(client, op.entityId);
    if (id === undefined) throw notFound(`company ${op.entityId} is not in UCS (it was never created there)`);
    const persons = await resolvePersons(client, op.payload.persons);
    const { persons: _refs, ...rest } = op.payload;
    await client.updateCompany(id, { ...rest, ...(persons ? { persons } : {}) });
    return { ucsCompanyId: id };
  };

  // Idempotent by the document (a differential merge), so a resend after a lost reply is harmless.
  const callMetadata = async (op: PushOp<UcsCallMetadataPayload>) => {
    const client = await clientOf();
    const uniqueid = op.payload.uniqueid ?? repo.callById(op.entityId)?.uniqueid;
    if (!uniqueid) throw new RemoteError({ remote: 'ucs', kind: 'validation', message: `call ${op.entityId} has no UCS uniqueid`, remoteMessage: 'the call has no UCS uniqueid' });
    const merged = await client.mergeMetadata(uniqueid, op.payload.patch);
    deps.db.tx(() => repo.upsertRecord('call_metadata', uniqueid, JSON.stringify(merged), deps.clock.now()));
    return { uniqueid, metadata: merged };
  };

  return [
    pushDef(UCS_OPS.contactCreate, contactPayloadSchema, contactCreate),
    pushDef(UCS_OPS.contactUpdate, contactPayloadSchema, contactUpdate),
    pushDef(UCS_OPS.companyCreate, companyPayloadSchema, companyCreate),
    pushDef(UCS_OPS.companyUpdate, companyPayloadSchema, companyUpdate),
    pushDef(UCS_OPS.callMetadata, callMetadataPayloadSchema, callMetadata),
  ];
}

function pushDef<P>(operation: string, schema: z.ZodType<P>, handler: (op: PushOp<P>, attempt: PushAttempt) => Promise<unknown>): PushDef {
  return { operation, schema, handler } as PushDef;
}
