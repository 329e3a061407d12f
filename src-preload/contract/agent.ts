// agent.*: the call-center agent's own status (ready / AUX with the team's reasons / after-call
// work / offline), the UCS user this Dockside user is, and the queue view (the agent's UCS queues
// with their live counters, pause and resume per queue). Status is kept on this station (UCS's
// REST API has no agent-state endpoint); queue pause is UCS queue membership, so it needs UCS.
import { z } from 'zod';
import { emptyInput, event, method } from './define';

export const AGENT_STATUSES = ['ready', 'aux', 'after_call_work', 'offline'] as const;
export const agentStatusSchema = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

/** Why a transition happened: the agent chose it, or the station did it for them. */
export const AGENT_CAUSES = ['agent', 'missed_offers', 'call_ended', 'acw_done', 'signed_out'] as const;
export const agentCauseSchema = z.enum(AGENT_CAUSES);
export type AgentCause = z.infer<typeof agentCauseSchema>;

/** One of the team's "not available" reasons (UCS team `aux_reasons`, hidden ones left out). */
export const auxReasonChoiceSchema = z.object({
  reason: z.string(),
  /** A break (counts against the team's break limit in UCS). */
  break: z.boolean(),
  /** Hex colour without '#', as UCS gives it; null when none. */
  color: z.string().nullable(),
});
export type AuxReasonChoice = z.infer<typeof auxReasonChoiceSchema>;

/** The UCS user this Dockside user works as. */
export const ucsAgentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  externalId: z.string().nullable(),
  teamId: z.number().int().nullable(),
  teamName: z.string().nullable(),
});
export type UcsAgent = z.infer<typeof ucsAgentSchema>;

export const agentStateSchema = z.object({
  /** The signed-in Dockside user. */
  userId: z.string(),
  status: agentStatusSchema,
  /** The AUX reason (one of `auxReasons`), or null: not AUX, or AUX the station chose (missed offers). */
  auxReason: z.string().nullable(),
  cause: agentCauseSchema,
  /** When the current status began (epoch ms). */
  since: z.number(),
  /** The call whose after-call work this is. */
  callId: z.string().nullable(),
  /** Offers missed in a row while ready (an answered offer or a status change resets it). */
  missedOffers: z.number().int().nonnegative(),
  /** Missed offers in a row that put the agent in AUX; 0 = never. */
  autoAuxAfter: z.number().int().nonnegative(),
  auxReasons: z.array(auxReasonChoiceSchema),
  /** null until the user is linked to a UCS user (agent.link). */
  ucsAgent: ucsAgentSchema.nullable(),
});
export type AgentState = z.infer<typeof agentStateSchema>;

export const agentTransitionSchema = z.object({
  id: z.number().int(),
  at: z.number(),
  from: agentStatusSchema,
  to: agentStatusSchema,
  auxReason: z.string().nullable(),
  cause: agentCauseSchema,
  callId: z.string().nullable(),
});
export type AgentTransition = z.infer<typeof agentTransitionSchema>;

/** A UCS user to link to, from the pulled users list. */
export const ucsUserChoiceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  username: z.string().nullable(),
  externalId: z.string().nullable(),
  teamId: z.number().int().nullable(),
  /** Its name is this Dockside user's name (the only such one): offered first, never linked unasked. */
  suggested: z.boolean(),
});
export type UcsUserChoice = z.infer<typeof ucsUserChoiceSchema>;

/** Service level of a period: answered within the SL threshold over the base (UCS `sl.day`). */
export const serviceLevelSchema = z.object({ within: z.number(), base: z.number(), percent: z.number().nullable() });

export const agentQueueSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  number: z.string().nullable(),
  /** UCS queue type: 0 outbound campaign, 1 inbound calls, 2 µCRM tasks, 3 e-mail. */
  type: z.number().int(),
  /** This agent's membership. */
  priority: z.number().int().nullable(),
  paused: z.boolean(),
  callersWaiting: z.number().int(),
  callersTalking: z.number().int(),
  /** The longest wait of a caller in the queue now (s), when UCS lists its callers. */
  longestWaitSec: z.number().nullable(),
  agentsIdle: z.number().int(),
  agentsTalking: z.number().int(),
  agentsAcw: z.number().int(),
  agentsAux: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  serviceLevel: serviceLevelSchema,
});
export type AgentQueue = z.infer<typeof agentQueueSchema>;

export const QUEUE_VIEW_SOURCES = ['live', 'last_live', 'pulled', 'none'] as const;
export const queueViewSchema = z.object({
  /** live: read from UCS just now; last_live: UCS did not answer, the last live read; pulled: the last sync pull; none: nothing known. */
  source: z.enum(QUEUE_VIEW_SOURCES),
  /** When the counters were read from UCS (epoch ms); null when never. */
  readAt: z.number().nullable(),
  /** Why the live read failed, when it did (see agentUnavailableSchema reasons). */
  problem: z.enum(['offline', 'remote_unreachable', 'not_configured', 'remote_error']).nullable(),
  linked: z.boolean(),
  queues: z.array(agentQueueSchema),
});
export type QueueView = z.infer<typeof queueViewSchema>;

export const agentConfigSchema = z.object({
  /** Missed offers in a row that put a ready agent in AUX; 0 turns it off. */
  autoAuxAfter: z.number().int().min(0).max(20),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;

/** UNAVAILABLE from a queue pause: UCS must answer now (a live state is never queued for later). */
export const agentUnavailableSchema = z.object({
  reason: z.enum(['offline', 'remote_unreachable', 'not_configured', 'remote_error']),
  /** UCS's own words, for remote_error. */
  remoteMessage: z.string().optional(),
});
/** CONFLICT: this user is not linked to a UCS user yet, or the queue is not one of theirs. */
export const agentConflictSchema = z.object({ reason: z.enum(['not_linked', 'not_a_member']) });
/** VALIDATION details of agent.setStatus are the usual issues; this names the broken rule. */
export const AGENT_STATUS_PROBLEMS = ['unknown_reason', 'reason_not_allowed'] as const;

const access = ['agent'] as const;

export const agentMethods = {
  'agent.state': method({
    input: emptyInput,
    output: agentStateSchema,
    access,
    kind: 'query',
    description: "The signed-in agent's status, missed-offer count, the team's AUX reasons and the linked UCS user.",
  }),
  'agent.setStatus': method({
    input: z
      .object({
        status: z.enum(['ready', 'aux', 'offline']),
        /** Required for AUX when the team has reasons (one of them); not allowed otherwise. */
        reason: z.string().trim().min(1).max(120).optional(),
      })
      .strict(),
    output: agentStateSchema,
    access,
    kind: 'write',
    description: 'Change status: ready, AUX with one of the team reasons, or offline. Ready also ends after-call work. Recorded with its reason and time.',
  }),
  'agent.history': method({
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(agentTransitionSchema),
    access,
    kind: 'query',
    description: "The signed-in agent's status transitions, newest first.",
  }),
  'agent.ucsUsers': method({
    input: emptyInput,
    output: z.array(ucsUserChoiceSchema),
    access,
    kind: 'query',
    description: 'The UCS users (as last pulled) this Dockside user may be linked to; the one whose name matches is marked.',
  }),
  'agent.link': method({
    input: z.object({ ucsUserId: z.number().int().nullable() }).strict(),
    output: agentStateSchema,
    access,
    kind: 'write',
    errors: { CONFLICT: agentConflictSchema },
    description: 'Link the signed-in user to a UCS user (null unlinks): their queues, memberships and AUX reasons follow.',
  }),
  'agent.config': method({
    input: emptyInput,
    output: agentConfigSchema,
    access,
    kind: 'query',
    description: 'Station agent settings: auto-AUX after N missed offers.',
  }),
  'agent.setConfig': method({
    input: agentConfigSchema.strict(),
    output: agentConfigSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'Supervisor: set after how many missed offers in a row a ready agent goes AUX (0 = never).',
  }),
  'agent.queues': method({
    input: emptyInput,
    output: queueViewSchema,
    access,
    kind: 'query',
    description: "The agent's queues with live counters from UCS (the last known ones when UCS does not answer).",
  }),
  'agent.watchQueues': method({
    input: z.object({ watcher: z.string().min(1).max(64), watching: z.boolean() }).strict(),
    output: queueViewSchema,
    access,
    kind: 'write',
    description:
      'The queue view is open (watching: true, renewed every few seconds) or closed: while any view watches, main reads UCS every few seconds and emits agent.queues.',
  }),
  'agent.pauseQueue': method({
    input: z.object({ queueId: z.number().int(), paused: z.boolean() }).strict(),
    output: queueViewSchema,
    access,
    kind: 'write',
    errors: { UNAVAILABLE: agentUnavailableSchema, CONFLICT: agentConflictSchema },
    description: "Pause (suspend) or resume this agent's membership of one UCS queue. Online only: UCS is asked now, never later.",
  }),
} as const;

export const agentEvents = {
  'agent.changed': event({ payload: agentStateSchema, description: "The signed-in agent's status, counters or link changed." }),
  'agent.queues': event({ payload: queueViewSchema, description: 'A fresh queue view (every few seconds while a view watches, and after a pause).' }),
} as const;
