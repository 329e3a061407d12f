// calls.*: the call-center agent's calls. A call rings (the PBX opens the station's screen-pop URL,
// a dockside:// link, or the UCS queue poll notices the caller); the caller is identified from the
// local phone index and the caller card is read from the local store only, so it shows when every
// remote is down. Notes, dispositions, after-call work and follow-up tasks are written locally with
// their outbox ops in one transaction and reach UCS / UltraCart / Opentaps when they can.
import { z } from 'zod';
import { emptyInput, event, method } from './define';

const id = z.string().min(1).max(100);

// ---- call events -------------------------------------------------------------------------------

/** What the phone system says happened to a call (the `event` parameter of the screen-pop URL). */
export const CALL_EVENT_KINDS = ['ring', 'answer', 'hangup', 'transfer'] as const;
export const callEventKindSchema = z.enum(CALL_EVENT_KINDS);
export type CallEventKind = z.infer<typeof callEventKindSchema>;

/** Where a call event came from. */
export const CALL_SOURCES = ['endpoint', 'link', 'poll', 'manual'] as const;
export const callSourceSchema = z.enum(CALL_SOURCES);
export type CallSource = z.infer<typeof callSourceSchema>;

/** `ended` = answered then hung up; `missed` = hung up (or gone from the queue) without an answer. */
export const CALL_STATUSES = ['ringing', 'answered', 'ended', 'missed'] as const;
export const callStatusSchema = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof callStatusSchema>;

// ---- identification ----------------------------------------------------------------------------

/** One holder of the caller's number in the local phone index. */
export const callerMatchSchema = z.object({
  /** 'contact': a person's number; 'company': a company's switchboard. */
  kind: z.enum(['contact', 'company']),
  contactId: z.string().nullable(),
  companyId: z.string().nullable(),
  /** The person's display name, or the company's name. */
  name: z.string(),
  companyName: z.string().nullable(),
  /** The person's role in the company ("majitel"). */
  role: z.string().nullable(),
  /** The number as stored, and its label ("mobil", "switchboard"). */
  number: z.string(),
  label: z.string().nullable(),
  /** The same number (E.164); false: only a national form matched (likely, not certain). */
  exact: z.boolean(),
  /** An exact number more than one person or company holds (a shared switchboard). */
  shared: z.boolean(),
});
export type CallerMatch = z.infer<typeof callerMatchSchema>;

/**
 * `known`: one match (or the agent chose one) — the card shows them. `choose`: several hold the
 * number — the agent picks from `matches` (calls.identify). `unknown`: nobody does — the agent may
 * create a contact (calls.createContact), never automatically.
 */
export const IDENTIFICATION_KINDS = ['known', 'choose', 'unknown'] as const;
export const identificationKindSchema = z.enum(IDENTIFICATION_KINDS);
export type IdentificationKind = z.infer<typeof identificationKindSchema>;

export const identificationSchema = z.object({
  kind: identificationKindSchema,
  /** Everyone holding the number, best first (empty when unknown). */
  matches: z.array(callerMatchSchema),
  /** Who the call is about now (set when known). */
  contactId: z.string().nullable(),
  companyId: z.string().nullable(),
  /** The caller's number in E.164 (null when it does not parse). */
  e164: z.string().nullable(),
});
export type Identification = z.infer<typeof identificationSchema>;

// ---- after-call work ---------------------------------------------------------------------------

/**
 * After-call work: a timer kept in main (persisted: survives a renderer reload and an app restart).
 * `running` until the agent finishes or it times out; on timeout the default disposition is set
 * when the call has none.
 */
export const ACW_STATUSES = ['running', 'finished', 'timed_out'] as const;
export const acwStatusSchema = z.enum(ACW_STATUSES);
export const afterCallWorkSchema = z.object({
  callId: z.string(),
  status: acwStatusSchema,
  startedAt: z.number(),
  /** When it times out (epoch ms). */
  endsAt: z.number(),
  /** ms left when read (0 once over). */
  remainingMs: z.number().int().nonnegative(),
  finishedAt: z.number().nullable(),
  userId: z.string().nullable(),
});
export type AfterCallWork = z.infer<typeof afterCallWorkSchema>;

// ---- a call ------------------------------------------------------------------------------------

export const callSummarySchema = z.object({
  id: z.string(),
  /** The PBX's call id (UCS uniqueid); null for a call without one. */
  uniqueid: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  /** The number as the PBX sent it. */
  number: z.string(),
  e164: z.string().nullable(),
  /** The UCS queue id (as text) the call came in on. */
  queue: z.string().nullable(),
  queueName: z.string().nullable(),
  status: callStatusSchema,
  /** Set when the call was transferred (to whom, as the PBX said; '' when it did not say). */
  transferredTo: z.string().nullable(),
  source: callSourceSchema,
  identification: identificationKindSchema,
  contactId: z.string().nullable(),
  companyId: z.string().nullable(),
  /** Person's display name, or company name, or null when unknown. */
  callerName: z.string().nullable(),
  companyName: z.string().nullable(),
  disposition: z.string().nullable(),
  /** The order the call was about (metadata `order_ref`), as the agent linked it. */
  orderRef: z.string().nullable(),
  userId: z.string().nullable(),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  afterCallWork: afterCallWorkSchema.nullable(),
});
export type CallSummary = z.infer<typeof callSummarySchema>;

// ---- the caller card ---------------------------------------------------------------------------

export const cardContactSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  role: z.string().nullable(),
  companyId: z.string().nullable(),
  phones: z.array(z.object({ number: z.string(), e164: z.string(), label: z.string().nullable() })),
});
export type CardContact = z.infer<typeof cardContactSchema>;

export const cardCompanySchema = z.object({
  id: z.string(),
  name: z.string(),
  phones: z.array(z.object({ number: z.string(), e164: z.string(), label: z.string().nullable() })),
});

/**
 * How far the bench got with an Afosto order, from the local tables (scan_events, parcels,
 * print_jobs): `none` nothing scanned yet, `picking` scans but no parcel, `packing` a parcel is
 * open, `packed` every parcel closed, `labelled` a shipping label printed, `shipped` in transit.
 */
export const PACK_STATES = ['none', 'picking', 'packing', 'packed', 'labelled', 'shipped'] as const;
export const packStateSchema = z.enum(PACK_STATES);
export type PackState = z.infer<typeof packStateSchema>;

export const cardParcelSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  status: z.string(),
  weightGrams: z.number().int().nullable(),
  trackingNumber: z.string().nullable(),
  carrier: z.string().nullable(),
  /** A shipping label for it printed (a print job `done` or `sent`). */
  labelPrinted: z.boolean(),
  /** The last label print job (printing.reprint takes it), or null. */
  labelJobId: z.string().nullable(),
});

export const cardOrderSchema = z.object({
  source: z.enum(['afosto', 'homs']),
  /** Local id (orders.id or homs_orders.id). */
  id: z.string(),
  /** The order number (Afosto) or HOMS code (null until HOMS confirmed a local create). */
  number: z.string().nullable(),
  status: z.string(),
  placedAt: z.number().nullable(),
  /** HOMS: the order type (support_request, return_request …); Afosto: null. */
  type: z.string().nullable(),
  /** HOMS: the Afosto order number it concerns (ext_code), when it says. */
  relatesTo: z.string().nullable(),
  /** Afosto only (null for HOMS). */
  pack: z
    .object({
      state: packStateSchema,
      /** Scan events on the order, its shipments and parcels (net of undo). */
      scans: z.number().int(),
      lastScanAt: z.number().nullable(),
      parcels: z.array(cardParcelSchema),
    })
    .nullable(),
});
export type CardOrder = z.infer<typeof cardOrderSchema>;

export const cardTaskSchema = z.object({
  id: z.string(),
  remote: z.enum(['ultracart', 'opentaps', 'homs']).nullable(),
  title: z.string(),
  status: z.string(),
  priority: z.string(),
  dueAt: z.number().nullable(),
  /** The remote's assignee id (UltraCart user, Opentaps contact), when known. */
  assignee: z.string().nullable(),
  /** Not yet confirmed by its remote. */
  pending: z.boolean(),
});
export type CardTask = z.infer<typeof cardTaskSchema>;

/** The last interactions with the caller, newest first: calls, notes of calls, Opentaps activities. */
export const cardInteractionSchema = z.object({
  kind: z.enum(['call', 'note', 'activity']),
  id: z.string(),
  at: z.number(),
  /** A call: its disposition or status; a note: its text; an activity: its type and text. */
  text: z.string(),
  callId: z.string().nullable(),
});
export type CardInteraction = z.infer<typeof cardInteractionSchema>;

export const callNoteSchema = z.object({
  id: z.string(),
  callId: z.string(),
  body: z.string(),
  userId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type CallNote = z.infer<typeof callNoteSchema>;

export const callerCardSchema = z.object({
  call: callSummarySchema,
  identification: identificationSchema,
  contact: cardContactSchema.nullable(),
  company: cardCompanySchema.nullable(),
  /** The company's other people (max 50). */
  companyContacts: z.array(cardContactSchema.pick({ id: true, displayName: true, role: true, email: true })),
  /** Recent orders, newest first (max 10 per source). */
  orders: z.array(cardOrderSchema),
  /** Open UltraCart / Opentaps tasks of the contact (max 20). */
  tasks: z.array(cardTaskSchema),
  /** Last 20 interactions. */
  interactions: z.array(cardInteractionSchema),
  /** This call's notes, oldest first. */
  notes: z.array(callNoteSchema),
  /** The call's UCS metadata as last read or merged (free keys), {} when none. */
  metadata: z.record(z.string(), z.unknown()),
});
export type CallerCard = z.infer<typeof callerCardSchema>;

// ---- configuration -----------------------------------------------------------------------------

export const dispositionSchema = z.object({
  code: z.string().trim().min(1).max(40).regex(/^[a-z0-9_.-]+$/i, 'letters, digits, _ . -'),
  label: z.string().trim().min(1).max(80),
});
export type Disposition = z.infer<typeof dispositionSchema>;

/** Station config of the calls capability; a supervisor edits it. */
export const callsConfigSchema = z.object({
  dispositions: z.array(dispositionSchema).min(1).max(50),
  /** Set on a call whose after-call work times out without one; one of `dispositions`. */
  defaultDisposition: z.string().min(1),
  /** After-call work length. */
  acwSeconds: z.number().int().min(5).max(3600),
  /** UCS queue ids the station's agent serves: the fallback poll notices callers in these. Empty: every inbound queue. */
  queues: z.array(z.number().int().nonnegative()).max(100),
  /**
   * Poll UCS queues for callers (every 3 s): the fallback where the phone system cannot open the
   * screen-pop URL. Off by default: the endpoint is the way calls should arrive.
   */
  poll: z.boolean(),
});
export type CallsConfig = z.infer<typeof callsConfigSchema>;

/** The screen-pop endpoint, for a UCS team's `call_url` (supervisor only: it carries the token). */
export const screenPopInfoSchema = z.object({
  listening: z.boolean(),
  port: z.number().int().nullable(),
  /** The URL template with the token and UCS placeholders: …/call?token=…&number={number}&uniqueid={uniqueid}&queue={queue}. */
  callUrl: z.string().nullable(),
});
export type ScreenPopInfo = z.infer<typeof screenPopInfoSchema>;

// ---- follow-up tasks ---------------------------------------------------------------------------

export const followUpInputSchema = z.discriminatedUnion('remote', [
  z
    .object({
      callId: id,
      remote: z.literal('ultracart'),
      title: z.string().trim().min(1).max(200),
      description: z.string().trim().max(4000).optional(),
      /** Epoch ms. */
      dueAt: z.number().int().positive(),
      priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
      /** UltraCart user / group (assignment users and groups), not a station user. At least one. */
      assigneeUserId: z.number().int().optional(),
      assigneeGroupId: z.number().int().optional(),
      /** Links the task to this order number. */
      orderRef: z.string().trim().min(1).max(100).optional(),
    })
    .strict()
    .refine((v) => v.assigneeUserId !== undefined || v.assigneeGroupId !== undefined, { message: 'An assignee (user or group)', path: ['assigneeUserId'] }),
  z
    .object({
      callId: id,
      remote: z.literal('opentaps'),
      title: z.string().trim().min(1).max(200),
      description: z.string().trim().max(4000).optional(),
      /** Epoch ms: when it is scheduled. */
      dueAt: z.number().int().positive(),
      priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
      /** The Opentaps contact (an agent) it is assigned to. */
      assignedToContactId: z.string().trim().min(1).max(100),
      orderRef: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
]);
export type FollowUpInput = z.input<typeof followUpInputSchema>;

/** Someone a follow-up can be assigned to, as seen on tasks pulled from the remote. */
export const assigneeSchema = z.object({ remote: z.enum(['ultracart', 'opentaps']), id: z.string(), label: z.string() });

// ---- errors ------------------------------------------------------------------------------------

export const callNotFoundSchema = z.object({ reason: z.enum(['no_call', 'no_note', 'no_contact', 'no_company']) });
/** CONFLICT: why the call cannot take this now. */
export const callConflictSchema = z.object({
  reason: z.enum(['unknown_disposition', 'not_a_match', 'already_identified', 'acw_not_running', 'call_open', 'no_caller']),
});

const callErrors = { NOT_FOUND: callNotFoundSchema, CONFLICT: callConflictSchema };
const AGENT = ['agent'] as const;

export const callsMethods = {
  'calls.current': method({
    input: emptyInput,
    output: z.object({
      /** Calls ringing (for at most 10 minutes) or answered, and ended calls still in after-call work, newest first. */
      calls: z.array(callSummarySchema),
          /** The running after-call work, if any. */
      afterCallWork: afterCallWorkSchema.nullable(),
    }),
    access: AGENT,
    kind: 'query',
    description: 'The calls the agent is dealing with now: ringing, answered, or in after-call work.',
  }),
  'calls.recent': method({
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.array(callSummarySchema),
    access: AGENT,
    kind: 'query',
    description: 'The latest calls of this station, newest first.',
  }),
  'calls.card': method({
    input: z.object({ callId: id }).strict(),
    output: callerCardSchema,
    access: AGENT,
    kind: 'query',
    errors: { NOT_FOUND: callNotFoundSchema },
    description: 'The caller card of a call, from the local store only: person, company, orders with pack state, tasks, interactions, notes, metadata.',
  }),
  'calls.lookup': method({
    input: z.object({ number: z.string().trim().min(1).max(40) }).strict(),
    output: identificationSchema,
    access: AGENT,
    kind: 'query',
    description: 'Who holds this number in the local phone index (a selected number, a hotkey lookup).',
  }),
  'calls.identify': method({
    input: z
      .object({ callId: id, contactId: id.optional(), companyId: id.optional() })
      .strict()
      .refine((v) => v.contactId !== undefined || v.companyId !== undefined, 'contactId or companyId'),
    output: callSummarySchema,
    access: AGENT,
    kind: 'write',
    errors: callErrors,
    description: 'The agent picks who is calling from the chooser (a shared switchboard) — one of the matches of the number.',
  }),
  'calls.createContact': method({
    input: z
      .object({
        callId: id,
        firstName: z.string().trim().max(80).optional(),
        lastName: z.string().trim().min(1).max(80),
        email: z.email().optional(),
        /** Attach to a known company. */
        companyId: id.optional(),
        role: z.string().trim().max(80).optional(),
      })
      .strict(),
    output: callSummarySchema,
    access: AGENT,
    kind: 'write',
    errors: callErrors,
    description: "An unknown caller becomes a contact with the call's number (explicit action only); created in UCS through the outbox.",
  }),
  'calls.addNote': method({
    input: z.object({ callId: id, body: z.string().trim().min(1).max(8000) }).strict(),
    output: callNoteSchema,
    access: AGENT,
    kind: 'write',
    errors: callErrors,
    description: 'A note on the call (during or after it). Its id goes to the call metadata in UCS.',
  }),
  'calls.editNote': method({
    input: z.object({ noteId: id, body: z.string().trim().min(1).max(8000) }).strict(),
    output: callNoteSchema,
    access: AGENT,
    kind: 'write',
    errors: callErrors,
    description: 'Changes the text of a note.',
  }),
  'calls.setDisposition': method({
    input: z.object({ callId: id, code: z.string().min(1).max(40) }).strict(),
    output: callSummarySchema,
    access: AGENT,
    kind: 'write',
    errors: callErrors,
    description: "Sets the call's disposition (one of the configured codes) and merges it into the call's UCS metadata.",
  }),
  'calls.linkOrder': method({
    input: z.object({ callId: id, orderRef: z.string().trim().min(1).max(100).nullable() }).strict(),
    output: callSummarySchema,
    access: AGENT,
    kind: 'write',
    errors: callErrors,
    description: 'The order the call was about (null: none); merged into the call metadata in UCS as order_ref.',
  }),
  'calls.hangUp': method({
    input: z.object({ callId: id }).strict(),
    output: callSummarySchema,
    access: AGENT,
    kind: 'write',
    errors: { NOT_FOUND: callNotFoundSchema },
    description:
      "The agent closes a call the phone system did not report ended (UCS's call_url only reports the ring): ringing → missed, answered → ended with after-call work. Ended calls stay as they are.",
  }),
  'calls.startAfterCallWork': method({
    input: z.object({ callId: id }).strict(),
    output: afterCallWorkSchema,
    access: AGENT,
    kind: 'write',
    errors: callErrors,
    description: 'Starts after-call work for a call (also started by itself when a call the agent answered hangs up). A running one is returned as it is.',
  }),
  'calls.finishAfterCallWork': method({
    input: z.object({ callId: id, disposition: z.string().min(1).max(40).optional() }).strict(),
    output: afterCallWorkSchema,
    access: AGENT,
    kind: 'write',
    errors: callErrors,
    description: 'Ends after-call work (optionally setting the disposition); without any disposition the default one is set.',
  }),
  'calls.createFollowUp': method({
    input: followUpInputSchema,
    output: cardTaskSchema,
    access: AGENT,
    kind: 'write',
    errors: callErrors,
    description: "A follow-up task for the caller, as an UltraCart workflow task or an Opentaps task, assigned and scheduled; linked to the call.",
  }),
  'calls.assignees': method({
    input: z.object({ remote: z.enum(['ultracart', 'opentaps']) }).strict(),
    output: z.array(assigneeSchema),
    access: AGENT,
    kind: 'query',
    description: 'Who follow-ups can be assigned to: the assignees seen on pulled tasks of that remote.',
  }),
  'calls.config': method({
    input: emptyInput,
    output: callsConfigSchema,
    access: 'user',
    kind: 'query',
    description: 'Dispositions, the default one, the after-call work length and the served queues.',
  }),
  'calls.saveConfig': method({
    input: callsConfigSchema.strict(),
    output: callsConfigSchema,
    access: ['supervisor'],
    kind: 'write',
    errors: { CONFLICT: z.object({ reason: z.enum(['default_not_listed', 'duplicate_code']) }) },
    description: 'Saves the calls configuration of this station.',
  }),
  'calls.screenPop': method({
    input: emptyInput,
    output: screenPopInfoSchema,
    access: ['supervisor'],
    kind: 'query',
    description: "The screen-pop URL a UCS team's call_url points at (with this station's token).",
  }),
} as const;

/** A new call: its summary, and its caller card read as it was stored (absent when the read failed). */
export const incomingCallSchema = callSummarySchema.extend({ card: callerCardSchema.optional() });
export type IncomingCall = z.infer<typeof incomingCallSchema>;

/** What a global hotkey asks the Calls screen to focus: the caller card or the hang-up note box. */
export const callFocusSchema = z.object({ target: z.enum(['card', 'note']), callId: id.optional() }).strict();
export type CallFocus = z.infer<typeof callFocusSchema>;

export const callsEvents = {
  'calls.incoming': event({
    payload: incomingCallSchema,
    description: 'A new call rings (once per uniqueid), with its caller card when core could read it (the first paint needs no second round trip).',
  }),
  'calls.focus': event({
    payload: callFocusSchema,
    description: "A global hotkey asked for the caller card or the hang-up note: the Calls screen shows it (this call's, else the current one's) with the keyboard there.",
  }),
  'calls.changed': event({
    payload: callSummarySchema,
    description: 'A call changed: answered, hung up, transferred, identified, disposition, order, after-call work started / finished / timed out.',
  }),
} as const;
