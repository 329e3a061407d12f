// UCS (INSOFT) REST API v1.0 shapes, written from the document (shared/api/ucs.md, seed 003),
// not from the simulator. Strict on the fields the station reads, loose (optional / passthrough)
// on the rest, because the seed's samples are truncated and some are not even valid JSON.
import { z } from 'zod';

const int = z.number().int();
/** The seed shows `null` (and the string "null") in name fields: never trust a name to be a string. */
const text = z.string().nullable();
/** A free key/value object. An empty one may arrive as `[]` from a PHP-style backend: read it as {}. */
const freeObject = z.preprocess((v) => (Array.isArray(v) && v.length === 0 ? {} : v), z.record(z.string(), z.unknown()));

// ---- auth ------------------------------------------------------------------------------------

/** `POST /login/oauth2/token` → raw OAuth JSON. `expires_in` is a STRING in the seed ("3610"). */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  // A number is accepted too, in case the server is ever fixed; a non-numeric string is refused.
  expires_in: z
    .union([z.string().regex(/^\s*\d+\s*$/, 'expected a number of seconds'), z.number().nonnegative()])
    .transform((v) => Number(v))
    .optional(),
});

/** OAuth errors: 400 `invalid_request`, 401 `invalid_client`. */
export const oauthErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional(), error_uri: z.string().optional() });

// ---- envelope --------------------------------------------------------------------------------

/** Every API answer: `{success, data}`; expected errors are HTTP 200 with `success:false`. */
export const envelopeHeadSchema = z.looseObject({ success: z.boolean(), data: z.unknown().optional() });

// ---- enumerations ------------------------------------------------------------------------------

export const statusSchema = z.looseObject({
  success: z.literal(true),
  trunks: z.record(z.string(), z.looseObject({ name: text.optional(), status: int, rtt: z.number().optional() })).optional(),
  phones: z.record(z.string(), z.looseObject({ name: text.optional() })).optional(),
});
export type UcsStatus = z.infer<typeof statusSchema>;

export const groupSchema = z.looseObject({ id: int, name: text, external_id: text.optional() });
export type UcsGroup = z.infer<typeof groupSchema>;

export const roleSchema = z.looseObject({ id: int, group_id: int, name: text });
export type UcsRole = z.infer<typeof roleSchema>;

/** An agent's "not available" reason. */
export const auxReasonSchema = z.looseObject({
  reason: z.string(),
  break: z.boolean(),
  color: text.optional(),
  limit: z.unknown().optional(),
  hidden: z.boolean().optional(),
});
export type UcsAuxReason = z.infer<typeof auxReasonSchema>;

export const teamSchema = z.looseObject({
  id: int,
  group_id: int,
  name: text,
  note: text.optional(),
  aux_reasons: z.array(auxReasonSchema),
  tasks: z.looseObject({ person: z.unknown().optional(), call: z.unknown().optional(), call_url: text.optional() }).optional(),
  channels: z.record(z.string(), z.boolean()).optional(),
});
export type UcsTeam = z.infer<typeof teamSchema>;

/** Queue type: 0 outbound campaign, 1 inbound calls, 2 µCRM tasks, 3 e-mail. */
export const queueTypeSchema = int;

const counter = z.number().optional();
export const queueSchema = z.looseObject({
  id: int,
  active: z.boolean(),
  group_id: int,
  type: queueTypeSchema,
  number: text,
  name: text,
  callers_waiting: counter,
  callers_ringing: counter,
  callers_talking: counter,
  agents_idle: counter,
  agents_ringing: counter,
  agents_talking: counter,
  agents_acw: counter,
  agents_aux: counter,
  answered: counter,
  abandoned: counter,
  /** `[within SL, base]` per period. */
  sl: z.record(z.string(), z.array(z.number())).optional(),
  last_call_enter: z.number().nullable().optional(),
  last_call_answer: z.number().nullable().optional(),
  /** Element shape not documented. */
  callers: z.array(z.unknown()).optional(),
});
export type UcsQueue = z.infer<typeof queueSchema>;

// ---- users and queue membership --------------------------------------------------------------

export const userSummarySchema = z.looseObject({ id: int, name: text, external_id: text.optional() });
export type UcsUserSummary = z.infer<typeof userSummarySchema>;

export const userSchema = z.looseObject({
  id: int,
  username: z.string(),
  active: z.boolean().optional(),
  external_id: text.optional(),
  group_id: int,
  role_id: int.nullable().optional(),
  team_id: int.nullable().optional(),
  locale: text.optional(),
  firstname: text.optional(),
  lastname: text.optional(),
  displayname: text.optional(),
  primary_extension: int.nullable().optional(),
});
export type UcsUser = z.infer<typeof userSchema>;

/** `suspended: true` = not serving (the worked example; the seed's table says the opposite). */
export const queueMembershipSchema = z.looseObject({ id: int, type: int.optional(), priority: int.optional(), suspended: z.boolean().optional() });
export type UcsQueueMembership = z.infer<typeof queueMembershipSchema>;

export const agentQueuesSchema = z.looseObject({ id: int, name: text.optional(), external_id: text.optional(), queues: z.array(queueMembershipSchema) });
export type UcsAgentQueues = z.infer<typeof agentQueuesSchema>;

/** `POST /queues/agents` answer, per agent: `success`, an agent-level `error`, and per queue `success` (the message key is unnamed in the seed). */
export const agentQueuesResultSchema = z.looseObject({
  id: int.optional(),
  external_id: text.optional(),
  success: z.boolean(),
  error: text.optional(),
  queues: z.array(z.looseObject({ id: int, success: z.boolean(), error: text.optional(), message: text.optional() })).optional(),
});
export type UcsAgentQueuesResult = z.infer<typeof agentQueuesResultSchema>;
/** A membership change: `{id}` alone keeps a queue as it is; a queue left out of `queues` is REMOVED. */
export type UcsAgentQueuesUpdate = { id: number; queues: { id: number; priority?: number; suspended?: boolean }[] } | { external_id: string; queues: { id: number; priority?: number; suspended?: boolean }[] };

// ---- calls -------------------------------------------------------------------------------------

export const callMetadataSchema = freeObject;
export type UcsCallMetadata = z.infer<typeof callMetadataSchema>;

/** `"YYYY-MM-DD HH:MM:SS"`, server local time, no zone. */
const ucsDate = z.string();

export const callPathEntrySchema = z.looseObject({ date: ucsDate, type: int, number: text.optional(), name: text.optional() });

/** CDR, `GET /call/{uniqueid}`. Direction = src_internal × dst_internal. */
export const callSchema = z.looseObject({
  uniqueid: z.string(),
  calldate: ucsDate,
  // The document shows strings; a call still ringing or talking has none yet, so null is allowed.
  connected: ucsDate.nullable().optional(),
  disconnected: ucsDate.nullable().optional(),
  duration: z.number(),
  ring_time: z.number().optional(),
  talk_time: z.number().optional(),
  hold_time: z.number().optional(),
  src_number: text,
  src_name: text.optional(),
  dst_number: text,
  dst_name: text.optional(),
  src_internal: z.boolean(),
  dst_internal: z.boolean(),
  src_user_id: int.nullable().optional(),
  dst_user_id: int.nullable().optional(),
  pilot_number: text.optional(),
  recording: z.boolean().optional(),
  metadata: freeObject.optional(),
  path: z.array(callPathEntrySchema).optional(),
});
export type UcsCall = z.infer<typeof callSchema>;

// ---- µCRM ------------------------------------------------------------------------------------

/** Contact type: 0 general, 1 phone, 2 e-mail, 3 URL. */
export const CONTACT_TYPE = { general: 0, phone: 1, email: 2, url: 3 } as const;

export const contactSchema = z.looseObject({ id: int.optional(), type: int, contact: z.string(), label: text.optional() });
export type UcsContact = z.infer<typeof contactSchema>;

export const personSummarySchema = z.looseObject({
  id: int,
  group_id: int,
  displayname: text.optional(),
  firstname: text.optional(),
  lastname: text.optional(),
  external_id: text.optional(),
});
export type UcsPersonSummary = z.infer<typeof personSummarySchema>;

export const personSchema = personSummarySchema.extend({
  note: text.optional(),
  data: freeObject.nullable().optional(),
  contacts: z.array(contactSchema),
  interactions: z.array(z.unknown()).optional(),
  companies: z.array(z.unknown()).optional(),
  tasks: z.array(z.unknown()).optional(),
});
export type UcsPerson = z.infer<typeof personSchema>;

export const companySummarySchema = z.looseObject({ id: int, group_id: int, name: text.optional(), external_id: text.optional() });
export type UcsCompanySummary = z.infer<typeof companySummarySchema>;

export const companyPersonSchema = z.looseObject({ person_id: int, role: text.optional() });
export const companySchema = companySummarySchema.extend({
  data: freeObject.nullable().optional(),
  persons: z.array(companyPersonSchema),
  tasks: z.array(z.unknown()).optional(),
});
export type UcsCompany = z.infer<typeof companySchema>;

// ---- writes (what the station sends) ------------------------------------------------------------

export const contactWriteSchema = z.object({ type: int.min(0).max(3), contact: z.string(), label: z.string().optional() });
const personFields = {
  displayname: z.string().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  note: z.string().optional(),
  /** Our client reference: how a create whose reply was lost is found again. */
  external_id: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** Replaces the whole list when sent. */
  contacts: z.array(contactWriteSchema).optional(),
};
export const personCreateSchema = z.object({ group_id: int, ...personFields });
export const personPatchSchema = z.object({ group_id: int.optional(), ...personFields });
export type UcsPersonCreate = z.infer<typeof personCreateSchema>;
export type UcsPersonPatch = z.infer<typeof personPatchSchema>;

const companyFields = {
  name: z.string().optional(),
  external_id: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** Replaces the whole list when sent. */
  persons: z.array(z.object({ person_id: int, role: z.string().optional() })).optional(),
};
export const companyCreateSchema = z.object({ group_id: int, ...companyFields });
export const companyPatchSchema = z.object({ group_id: int.optional(), ...companyFields });
export type UcsCompanyCreate = z.infer<typeof companyCreateSchema>;
export type UcsCompanyPatch = z.infer<typeof companyPatchSchema>;

/** Differential metadata merge: keys sent are set, omitted keys stay, `null` deletes. */
export const metadataPatchSchema = z.record(z.string(), z.unknown());
export type UcsMetadataPatch = z.infer<typeof metadataPatchSchema>;

/** The new record's id, `data` of a create. */
export const createdIdSchema = int;

export const ucsConfigSchema = z.object({
  /** The path prefix up to where the document's paths begin, e.g. http://127.0.0.1:4010/ucs. */
  baseUrl: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});
export type UcsConfig = z.infer<typeof ucsConfigSchema>;
