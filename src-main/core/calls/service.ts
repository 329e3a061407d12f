// Call handling: events in (screen-pop endpoint, dockside:// link, queue poll), caller
// identification, notes, dispositions, order links, after-call work and follow-up tasks. Every
// change that a remote must learn is written with its outbox op in ONE Outbox.transact, so it works
// offline and reaches UCS / UltraCart / Opentaps exactly once when they can be reached.
import type {
  AfterCallWork,
  CallNote,
  CallSummary,
  CallerCard,
  CallFocus,
  CallsConfig,
  IncomingCall,
  CardTask,
  FollowUpInput,
  Identification,
  ScreenPopInfo,
} from '../../../src-preload/contract';
import { callsConfigSchema, followUpInputSchema } from '../../../src-preload/contract';
import { findByNumber, writePhones } from '../connectors/ucs/phoneIndex';
import { normalisePhone, type CountryCode } from '../connectors/ucs/phone';
import { stationCountry } from '../connectors/ucs/mappers';
import { UCS_OPS, type UcsCallMetadataPayload, type UcsContactPayload } from '../connectors/ucs/push';
import { UC_OPS } from '../connectors/ultracart/push';
import type { UcTaskInsert } from '../connectors/ultracart/mappers';
import { OT_OPS } from '../connectors/opentaps/push';
import type { OtTaskCreate } from '../connectors/opentaps/mappers';
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import type { Clock } from '../platform/ports';
import type { CallerUser } from '../rpc/dispatcher';
import { conflict, notFound } from '../rpc/errors';
import type { Enqueue, Outbox } from '../sync/outbox';
import { newId } from '../util/ids';
import { buildCard } from './card';
import {
  acwOf,
  applyEvent,
  configProblem,
  DEFAULT_CALLS_CONFIG,
  firstState,
  identify,
  isStaleRing,
  METADATA_KEYS,
  noteForMetadata,
  parseCallLink,
  screenPopUrlOf,
  type CallEvent,
  type CallState,
} from './domain';
import { CallsRepo, type CallRow, type NoteRow } from './repo';

export interface CallsServiceDeps {
  db: Db;
  outbox: Outbox;
  clock: Clock;
  stationId: string;
  logger: Logger;
  /** The signed-in user (the agent the call is for). */
  currentUser: () => CallerUser | null;
  /** ISO country for numbers without a country code (the station's). Default CZ. */
  defaultCountry?: string;
  /** calls.incoming (with the caller card) / calls.changed. */
  emit?: (event: 'calls.incoming' | 'calls.changed', call: CallSummary | IncomingCall) => void;
  /** calls.focus: a global hotkey asked the renderer for the card or the note. */
  emitFocus?: (request: CallFocus) => void;
  /** Told of every after-call work start, finish and timeout: the agent capability follows it. */
  onAfterCallWork?: (state: AfterCallWork) => void;
  /** Arms a real timer for after-call work (default true; tests drive applyDueAfterCallWork with their clock). */
  timers?: boolean;
}

/** What ingesting an event did. */
export interface IngestResult {
  callId: string;
  /** A new call (a card opens). False for a repeat or a later event of a known call. */
  created: boolean;
  /** The event changed the call (false: a repeat, kept in call_events but not applied). */
  applied: boolean;
  call: CallSummary;
}

const noCall = () => notFound('Call', { reason: 'no_call' });

export class CallsService {
  readonly repo: CallsRepo;
  private readonly country: CountryCode;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private screenPopPort: number | null = null;
  private readonly acwListeners = new Set<(state: AfterCallWork) => void>();

  constructor(private readonly deps: CallsServiceDeps) {
    this.repo = new CallsRepo(deps.db);
    this.country = stationCountry(deps.defaultCountry);
    this.ensureConfig();
  }

  /**
   * Hears every after-call work start, finish and timeout (also those applied at start-up): the
   * agent capability's status follows it. Returns the unsubscribe.
   */
  onAfterCallWork(listener: (state: AfterCallWork) => void): () => void {
    this.acwListeners.add(listener);
    return () => this.acwListeners.delete(listener);
  }

  // ---- configuration ----

  private ensureConfig(): void {
    const token = Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
    this.deps.db.tx(() => this.repo.insertConfig(this.deps.stationId, JSON.stringify(DEFAULT_CALLS_CONFIG), token, this.deps.clock.now()));
  }

  config(): CallsConfig {
    const row = this.repo.config(this.deps.stationId);
    // Fields added later take their defaults; a damaged row reads as the defaults.
    let stored: unknown;
    try {
      stored = row ? JSON.parse(row.config) : undefined;
    } catch {
      stored = undefined;
    }
    const parsed = callsConfigSchema.safeParse(stored && typeof stored === 'object' ? { ...DEFAULT_CALLS_CONFIG, ...stored } : undefined);
    return parsed.success ? parsed.data : DEFAULT_CALLS_CONFIG;
  }

  saveConfig(config: CallsConfig): CallsConfig {
    const problem = configProblem(config);
    if (problem) throw conflict(problem === 'duplicate_code' ? 'Two dispositions have the same code' : 'The default disposition is not in the list', { reason: problem });
    this.deps.db.tx(() => this.repo.updateConfig(this.deps.stationId, JSON.stringify(config), this.deps.clock.now()));
    return this.config();
  }

  /** The screen-pop endpoint's per-install token (kept in the station's store, never sent anywhere but in the call_url). */
  screenPopToken(): string {
    return this.repo.config(this.deps.stationId)!.screen_pop_token;
  }

  /** The endpoint says where it listens (null: stopped). */
  setScreenPopPort(port: number | null): void {
    this.screenPopPort = port;
  }

  screenPopInfo(): ScreenPopInfo {
    const port = this.screenPopPort;
    return { listening: port !== null, port, callUrl: port !== null ? screenPopUrlOf(port, this.screenPopToken()) : null };
  }

  // ---- events in ----

  /**
   * One call event from any source. A repeated event for the same uniqueid never makes a second
   * call: it is recorded and ignored. An answer / hang-up without a uniqueid applies to the newest
   * open call from that number.
   */
  ingest(ev: CallEvent): IngestResult {
    const now = this.deps.clock.now();
    const user = this.deps.currentUser();
    let created = false;
    let applied = false;
    let acwStarted: AfterCallWork | null = null;
    // Without an fsync of its own (synchronous=NORMAL for this commit): the card must show before
    // the second ring, and a power cut can only lose the PBX's event, never anything the agent did
    // (notes, dispositions and follow-ups are durable commits; the CDR sweep restores the call).
    const callId = this.deps.db.relaxed(() => this.deps.db.tx(() => {
      const existing = ev.callId
        ? this.repo.call(ev.callId)
        : ev.uniqueid
          ? this.repo.callByUniqueid(ev.uniqueid)
          : ev.kind === 'ring'
            ? undefined
            : this.openCallFrom(ev.number);
      if (!existing) {
        const id = newId();
        const state = firstState(ev.kind, now, ev.transferTo);
        const e164 = normalisePhone(ev.number, this.country)?.e164 ?? null;
        const who = identify(findByNumber(this.deps.db, ev.number, this.country));
        this.repo.insertCall({
          id,
          uniqueid: ev.uniqueid,
          number_raw: ev.number,
          number_e164: e164,
          queue: ev.queue,
          queue_name: ev.queueName ?? (ev.queue ? this.repo.queueName(ev.queue) : null),
          contact_id: who.match?.contactId ?? null,
          company_id: who.match?.companyId ?? null,
          user_id: user?.id ?? null,
          status: state.status,
          identification: who.kind,
          transferred_to: state.transferredTo,
          source: ev.source,
          started_at: now,
          answered_at: state.answeredAt,
          ended_at: state.endedAt,
        });
        this.repo.insertEvent(id, ev.kind, ev.source, now, ev.params, true);
        created = true;
        applied = true;
        return id;
      }
      const next = applyEvent(stateOf(existing), ev.kind, now, ev.transferTo);
      this.repo.insertEvent(existing.id, ev.kind, ev.source, now, ev.params, next !== null);
      if (next) {
        applied = true;
        this.repo.updateState({ id: existing.id, status: next.status, answered_at: next.answeredAt, ended_at: next.endedAt, transferred_to: next.transferredTo, user_id: user?.id ?? null });
        // The agent talked to them: after-call work follows the hang-up (or the transfer away).
        if (existing.status === 'answered' && next.status === 'ended') acwStarted = this.startAcwIn(existing.id, existing.user_id ?? user?.id ?? null, now);
      }
      return existing.id;
    }));
    const call = this.summary(callId);
    if (created) this.deps.emit?.('calls.incoming', this.withCard(call));
    else if (applied) this.deps.emit?.('calls.changed', call);
    if (acwStarted) this.acwChanged(acwStarted);
    return { callId, created, applied, call };
  }

  /**
   * A `dockside://call?…` link the desktop app was opened with (the Electron adapter passes the
   * URL as it came). Undefined when the link is not a valid call link (it is then ignored).
   */
  ingestLink(link: string): IngestResult | undefined {
    const parsed = parseCallLink(link);
    if (!parsed.ok) {
      this.deps.logger.warn('call link ignored', { problem: parsed.problem });
      return undefined;
    }
    return this.ingest(parsed.event);
  }

  private openCallFrom(number: string): CallRow | undefined {
    const digits = number.replace(/\D/g, '');
    return this.repo.openCalls().find((c) => c.number_raw.replace(/\D/g, '') === digits);
  }

  /**
   * A global hotkey (the desktop adapter) asks for the caller card or the hang-up note: the
   * renderer shows the Calls screen with the keyboard there. Without a call id it is the current
   * call's (the renderer knows which one it shows).
   */
  requestFocus(target: CallFocus['target'], callId?: string): void {
    this.deps.emitFocus?.(callId ? { target, callId } : { target });
  }

  /**
   * A new call with its caller card (a fraction of a millisecond from the local store): the
   * renderer paints the facts with the name, no second round trip (screen-pop, issue 11 point 8).
   * A card that cannot be read leaves the event as it was: the renderer asks for it itself.
   */
  private withCard(call: CallSummary): IncomingCall {
    try {
      return { ...call, card: this.card(call.id) };
    } catch (err) {
      this.deps.logger.warn('caller card not read for the incoming event', { callId: call.id, err });
      return call;
    }
  }

  // ---- reads ----

  summary(callId: string): CallSummary {
    const row = this.repo.call(callId);
    if (!row) throw noCall();
    return this.toSummary(row);
  }

  current(): { calls: CallSummary[]; afterCallWork: AfterCallWork | null } {
    const now = this.deps.clock.now();
    const running = this.repo.acwRunning();
    const rows = this.repo.openCalls().filter((r) => !isStaleRing(r.status, r.started_at, now));
    const seen = new Set(rows.map((r) => r.id));
    for (const a of running) {
      if (seen.has(a.call_id)) continue;
      const r = this.repo.call(a.call_id);
      if (r) rows.push(r);
    }
    rows.sort((a, b) => b.started_at - a.started_at);
    return { calls: rows.map((r) => this.toSummary(r)), afterCallWork: running[0] ? acwOf(running[0], now) : null };
  }

  recent(limit: number): CallSummary[] {
    return this.repo.recent(limit).map((r) => this.toSummary(r));
  }

  lookup(number: string): Identification {
    const matches = findByNumber(this.deps.db, number, this.country);
    const who = identify(matches);
    return {
      kind: who.kind,
      matches,
      contactId: who.match?.contactId ?? null,
      companyId: who.match?.companyId ?? null,
      e164: normalisePhone(number, this.country)?.e164 ?? null,
    };
  }

  card(callId: string): CallerCard {
    const row = this.repo.call(callId);
    if (!row) throw noCall();
    return buildCard(this.repo, row, this.toSummary(row), findByNumber(this.deps.db, row.number_raw, this.country));
  }

  assignees(remote: 'ultracart' | 'opentaps'): { remote: 'ultracart' | 'opentaps'; id: string; label: string }[] {
    return this.repo.assignees(remote).map((id) => ({ remote, id, label: id }));
  }

  // ---- the agent's writes ----

  /** The agent picks the caller among the holders of the number (a shared switchboard). */
  identifyCaller(callId: string, who: { contactId?: string | undefined; companyId?: string | undefined }): CallSummary {
    const row = this.mustCall(callId);
    const matches = findByNumber(this.deps.db, row.number_raw, this.country);
    const m = matches.find((x) => (who.contactId !== undefined ? x.contactId === who.contactId : x.kind === 'company' && x.companyId === who.companyId));
    if (!m) throw conflict('That is not one of the holders of this number', { reason: 'not_a_match' });
    this.deps.db.tx(() => this.repo.setCaller(callId, m.contactId, m.companyId, 'known'));
    return this.changed(callId);
  }

  /** An unknown caller becomes a contact, with the call's number — only when the agent asks. */
  createContact(callId: string, input: { firstName?: string | undefined; lastName: string; email?: string | undefined; companyId?: string | undefined; role?: string | undefined }): CallSummary {
    const row = this.mustCall(callId);
    if (row.contact_id) throw conflict('The call already has a contact', { reason: 'already_identified' });
    if (input.companyId && !this.repo.company(input.companyId)) throw notFound('Company', { reason: 'no_company' });
    const id = newId();
    const now = this.deps.clock.now();
    const display = [input.firstName, input.lastName].filter(Boolean).join(' ');
    const externalId = `DS-${id}`;
    const payload: UcsContactPayload = {
      displayname: display,
      lastname: input.lastName,
      ...(input.firstName ? { firstname: input.firstName } : {}),
      external_id: externalId,
      contacts: [{ type: 1, contact: row.number_e164 ?? row.number_raw }, ...(input.email ? [{ type: 2, contact: input.email }] : [])],
    };
    this.deps.outbox.transact((enqueue) => {
      this.repo.insertContact({ id, company_id: input.companyId ?? null, first_name: input.firstName ?? null, last_name: input.lastName, display_name: display, email: input.email ?? null, external_id: externalId, company_role: input.role ?? null, updated_at: now });
      writePhones(this.deps.db, { contactId: id }, [{ raw: row.number_raw, kind: null }], this.country);
      this.repo.setCaller(callId, id, input.companyId ?? row.company_id, 'known');
      enqueue({ remote: 'ucs', entity: 'contact', entityId: id, operation: UCS_OPS.contactCreate, payload });
    });
    return this.changed(callId);
  }

  addNote(callId: string, body: string): CallNote {
    const row = this.mustCall(callId);
    const now = this.deps.clock.now();
    const note: NoteRow = { id: newId(), call_id: callId, user_id: this.deps.currentUser()?.id ?? null, body, created_at: now, updated_at: now };
    this.deps.outbox.transact((enqueue) => {
      this.repo.insertNote(note);
      this.metadata(enqueue, row, { [METADATA_KEYS.noteId]: note.id, [METADATA_KEYS.note]: noteForMetadata(body) });
    });
    return toNote(note);
  }

  editNote(noteId: string, body: string): CallNote {
    const note = this.repo.note(noteId);
    if (!note) throw notFound('Note', { reason: 'no_note' });
    const row = this.mustCall(note.call_id);
    const now = this.deps.clock.now();
    this.deps.outbox.transact((enqueue) => {
      this.repo.updateNote(noteId, body, now);
      // The call's metadata holds its latest note: an edit of an older one changes nothing there.
      if (this.repo.lastNoteId(row.id) === noteId) this.metadata(enqueue, row, { [METADATA_KEYS.noteId]: noteId, [METADATA_KEYS.note]: noteForMetadata(body) });
    });
    return toNote(this.repo.note(noteId)!);
  }

  setDisposition(callId: string, code: string): CallSummary {
    const row = this.mustCall(callId);
    if (!this.config().dispositions.some((d) => d.code === code)) throw conflict(`Unknown disposition ${code}`, { reason: 'unknown_disposition' });
    this.deps.outbox.transact((enqueue) => this.dispose(enqueue, row, code));
    return this.changed(callId);
  }

  linkOrder(callId: string, orderRef: string | null): CallSummary {
    const row = this.mustCall(callId);
    this.deps.outbox.transact((enqueue) => {
      this.repo.setOrderRef(callId, orderRef);
      this.metadata(enqueue, row, { [METADATA_KEYS.orderRef]: orderRef });
    });
    return this.changed(callId);
  }

  /** A follow-up task for the caller: a local task row and its create op, in one transaction. */
  createFollowUp(input: FollowUpInput): CardTask {
    const f = followUpInputSchema.parse(input);
    const row = this.mustCall(f.callId);
    const id = newId();
    const now = this.deps.clock.now();
    const assignee = f.remote === 'ultracart' ? String(f.assigneeUserId ?? `group:${f.assigneeGroupId}`) : f.assignedToContactId;
    const caller = row.caller_name ?? row.company_name ?? row.number_raw;
    // The order the follow-up is about: named here, or the one the call is linked to.
    const orderRef = f.orderRef ?? row.order_ref ?? undefined;
    const description = [f.description, `Call ${row.number_raw} (${caller})${row.uniqueid ? `, UCS ${row.uniqueid}` : ''}`].filter(Boolean).join('\n\n');
    this.deps.outbox.transact((enqueue) => {
      this.repo.insertTask({
        id,
        title: f.title,
        description,
        priority: f.priority,
        due_at: f.dueAt,
        contact_id: row.contact_id,
        order_id: orderRef ?? null,
        call_id: f.callId,
        assigned_user_id: this.deps.currentUser()?.id ?? null,
        remote: f.remote,
        remote_assignee: assignee,
        now,
      });
      if (f.remote === 'ultracart') {
        const payload: UcTaskInsert = {
          title: f.title,
          description,
          priority: f.priority,
          dueAt: f.dueAt,
          tags: ['dockside-call'],
          ...(f.assigneeUserId !== undefined ? { assigneeUserId: f.assigneeUserId } : {}),
          ...(f.assigneeGroupId !== undefined ? { assigneeGroupId: f.assigneeGroupId } : {}),
          ...(orderRef ? { orderId: orderRef } : {}),
        };
        enqueue({ remote: 'ultracart', entity: 'task', entityId: id, operation: UC_OPS.insert, payload });
      } else {
        const payload: OtTaskCreate = {
          // The pull reads a task's title from its text: the title first, the details after a blank line.
          noteText: f.description ? `${f.title}\n\n${f.description}` : f.title,
          scheduledAt: f.dueAt,
          assignedToContactId: f.assignedToContactId,
          // orderId is the attribute the Opentaps pull reads a task's order from
          attributes: { docksideCall: f.callId, caller: `${row.number_raw} (${caller})`, ...(orderRef ? { orderId: orderRef } : {}) },
        };
        enqueue({ remote: 'opentaps', entity: 'task', entityId: id, operation: OT_OPS.task, payload });
      }
      this.metadata(enqueue, row, { [METADATA_KEYS.followUp]: id });
    });
    return { id, remote: f.remote, title: f.title, status: 'open', priority: f.priority, dueAt: f.dueAt, assignee, pending: true };
  }

  /** A hang-up the agent reports (the phone system did not): the same rules as the PBX's event. */
  hangUp(callId: string): CallSummary {
    const row = this.mustCall(callId);
    return this.ingest({
      kind: 'hangup',
      number: row.number_raw,
      uniqueid: row.uniqueid,
      queue: row.queue,
      queueName: row.queue_name,
      transferTo: null,
      source: 'manual',
      params: {},
      callId,
    }).call;
  }

  // ---- after-call work ----

  startAfterCallWork(callId: string): AfterCallWork {
    const row = this.mustCall(callId);
    if (row.status === 'ringing') throw conflict('The call is still ringing', { reason: 'call_open' });
    const now = this.deps.clock.now();
    const started = this.deps.db.tx(() => this.startAcwIn(callId, this.deps.currentUser()?.id ?? row.user_id, now));
    const state = acwOf(this.repo.acw(callId)!, now);
    if (started) this.acwChanged(state);
    return state;
  }

  finishAfterCallWork(callId: string, disposition?: string): AfterCallWork {
    const row = this.mustCall(callId);
    const acw = this.repo.acw(callId);
    if (!acw || acw.status !== 'running') throw conflict('No after-call work is running for this call', { reason: 'acw_not_running' });
    const cfg = this.config();
    if (disposition !== undefined && !cfg.dispositions.some((d) => d.code === disposition)) throw conflict(`Unknown disposition ${disposition}`, { reason: 'unknown_disposition' });
    const now = this.deps.clock.now();
    this.deps.outbox.transact((enqueue) => {
      this.repo.acwFinish(callId, 'finished', now);
      const code = disposition ?? (row.disposition === null ? cfg.defaultDisposition : undefined);
      if (code !== undefined && code !== row.disposition) this.dispose(enqueue, row, code);
    });
    const state = acwOf(this.repo.acw(callId)!, now);
    this.acwChanged(state);
    return state;
  }

  /**
   * Times out every after-call work whose time is up (a timer, also one that ran out while the app
   * was closed): the default disposition is set on a call without one. Returns those timed out.
   */
  applyDueAfterCallWork(): AfterCallWork[] {
    const now = this.deps.clock.now();
    const cfg = this.config();
    const out: AfterCallWork[] = [];
    for (const due of this.repo.acwDue(now)) {
      const done = this.deps.outbox.transact((enqueue) => {
        if (!this.repo.acwFinish(due.call_id, 'timed_out', now)) return false;
        const row = this.repo.call(due.call_id);
        if (row && row.disposition === null) this.dispose(enqueue, row, cfg.defaultDisposition);
        return true;
      });
      if (done) out.push(acwOf(this.repo.acw(due.call_id)!, now));
    }
    for (const s of out) this.acwChanged(s);
    if (out.length === 0) this.arm();
    return out;
  }

  /** Applies what ran out while the app was closed, then arms the timer for the next one. */
  resume(): void {
    this.applyDueAfterCallWork();
    this.arm();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private startAcwIn(callId: string, userId: string | null, now: number): AfterCallWork | null {
    const secs = this.config().acwSeconds;
    return this.repo.acwInsert(callId, userId, now, now + secs * 1000) ? acwOf(this.repo.acw(callId)!, now) : null;
  }

  private acwChanged(state: AfterCallWork): void {
    this.arm();
    for (const listener of [this.deps.onAfterCallWork, ...this.acwListeners]) {
      try {
        listener?.(state);
      } catch (err) {
        this.deps.logger.warn('after-call work listener failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
    const row = this.repo.call(state.callId);
    if (row) this.deps.emit?.('calls.changed', this.toSummary(row));
  }

  /** One timer for the earliest running after-call work; re-armed on every change. */
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed || this.deps.timers === false) return;
    const next = this.repo.acwNextEnd();
    if (next === null) return;
    const delay = Math.min(Math.max(0, next - this.deps.clock.now()) + 5, 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.applyDueAfterCallWork();
      } catch (err) {
        this.deps.logger.error('after-call work timeout failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }, delay);
    this.timer.unref?.();
  }

  // ---- helpers ----

  private dispose(enqueue: Enqueue, row: CallRow, code: string): void {
    this.repo.setDisposition(row.id, code);
    this.metadata(enqueue, row, { [METADATA_KEYS.disposition]: code });
  }

  /** The call's metadata merge in UCS; a call without a UCS uniqueid has no metadata there. */
  private metadata(enqueue: Enqueue, row: CallRow, patch: Record<string, unknown>): void {
    if (!row.uniqueid) return;
    const payload: UcsCallMetadataPayload = { uniqueid: row.uniqueid, patch };
    enqueue({ remote: 'ucs', entity: 'call', entityId: row.id, operation: UCS_OPS.callMetadata, payload });
  }

  private mustCall(callId: string): CallRow {
    const row = this.repo.call(callId);
    if (!row) throw noCall();
    return row;
  }

  private changed(callId: string): CallSummary {
    const s = this.summary(callId);
    this.deps.emit?.('calls.changed', s);
    return s;
  }

  private toSummary(r: CallRow): CallSummary {
    const acw = this.repo.acw(r.id);
    return {
      id: r.id,
      uniqueid: r.uniqueid,
      direction: r.direction,
      number: r.number_raw,
      e164: r.number_e164,
      queue: r.queue,
      queueName: r.queue_name,
      status: r.status,
      transferredTo: r.transferred_to,
      source: r.source,
      identification: r.identification,
      contactId: r.contact_id,
      companyId: r.company_id,
      callerName: r.caller_name ?? (r.contact_id ? null : r.company_name),
      companyName: r.company_name,
      disposition: r.disposition,
      orderRef: r.order_ref,
      userId: r.user_id,
      startedAt: r.started_at,
      answeredAt: r.answered_at,
      endedAt: r.ended_at,
      afterCallWork: acw ? acwOf(acw, this.deps.clock.now()) : null,
    };
  }
}

function stateOf(r: CallRow): CallState {
  return { status: r.status, answeredAt: r.answered_at, endedAt: r.ended_at, transferredTo: r.transferred_to };
}

function toNote(n: NoteRow): CallNote {
  return { id: n.id, callId: n.call_id, body: n.body, userId: n.user_id, createdAt: n.created_at, updatedAt: n.updated_at };
}
