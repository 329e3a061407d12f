// What the agent does with a call while and after it runs: notes, the disposition (keyboard: arrow
// keys move, digits pick), the order it was about, and after-call work with its countdown. Every
// change is stored on the station first (with its outbox op), so all of it works offline.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary, CallerCard, CallsConfig } from '../../../../src-preload/contract';
import { useApi, useServices } from '../../app/context';
import { useAction } from '../../app/useAction';
import { acwRemaining, formatCountdown } from './callsStore';
import { formatWhen } from './CallerCard';
import { dispositionLabel, labelOfCode } from './dispositions';
import { useCalls } from './useCalls';
import { useNow } from './useNow';

const draftKey = (callId: string) => `dockside.callNote.${callId}`;

function readDraft(callId: string): string {
  try {
    return sessionStorage.getItem(draftKey(callId)) ?? '';
  } catch {
    return '';
  }
}
function writeDraft(callId: string, text: string): void {
  try {
    if (text) sessionStorage.setItem(draftKey(callId), text);
    else sessionStorage.removeItem(draftKey(callId));
  } catch {
    // private mode: the draft just is not kept across a reload
  }
}

/** Notes typed during the call: Ctrl+Enter saves; the unsaved draft survives a page reload. */
export function NotesPanel({ call, card, onSaved }: { call: CallSummary; card: CallerCard | null; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const [draft, setDraft] = useState(() => readDraft(call.id));
  const [saved, setSaved] = useState(false);

  async function save() {
    const body = draft.trim();
    if (!body || busy) return;
    const note = await run(() => api.call('calls.addNote', { callId: call.id, body }));
    if (!note) return;
    setDraft('');
    writeDraft(call.id, '');
    setSaved(true);
    onSaved();
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  }

  return (
    <section className="card caller-section" aria-labelledby="notes-title">
      <h3 id="notes-title">{t('calls.notes.title')}</h3>
      {card && card.notes.length > 0 ? (
        <ul className="interaction-list" data-testid="call-notes">
          {card.notes.map((n) => (
            <NoteItem key={n.id} note={n} language={i18n.language} onSaved={onSaved} />
          ))}
        </ul>
      ) : null}
      <label className="visually-hidden" htmlFor={`note-${call.id}`}>
        {t('calls.notes.label')}
      </label>
      <textarea
        id={`note-${call.id}`}
        className="notes-input"
        data-testid="call-note-input"
        value={draft}
        placeholder={t('calls.notes.placeholder')}
        aria-keyshortcuts="Control+Enter"
        onChange={(e) => {
          setDraft(e.target.value);
          setSaved(false);
          writeDraft(call.id, e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="button-row">
        <button type="button" className="btn btn-primary" data-testid="call-note-save" disabled={busy || !draft.trim()} onClick={() => void save()}>
          {t('calls.notes.save')} <kbd className="key-hint">Ctrl+Enter</kbd>
        </button>
        {saved ? (
          <span className="saved-hint" role="status">
            {t('calls.notes.saved')}
          </span>
        ) : null}
      </div>
    </section>
  );
}

/** A saved note; "Edit" changes its text in place (Ctrl+Enter saves, Escape cancels). */
function NoteItem({ note, language, onSaved }: { note: CallerCard['notes'][number]; language: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const [editing, setEditing] = useState<string | null>(null);

  async function save() {
    const body = editing?.trim();
    if (!body || busy) return;
    if (body === note.body) return setEditing(null);
    const done = await run(() => api.call('calls.editNote', { noteId: note.id, body }));
    if (!done) return;
    setEditing(null);
    onSaved();
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setEditing(null);
    }
  }

  return (
    <li data-testid="call-note">
      <div className="interaction-meta">
        <span>{formatWhen(note.createdAt, language)}</span>
        {note.updatedAt !== note.createdAt ? <span>{t('calls.notes.edited')}</span> : null}
      </div>
      {editing === null ? (
        <div className="note-row">
          <div className="interaction-body">{note.body}</div>
          <button type="button" className="btn btn-small" data-testid="call-note-edit" aria-label={t('calls.notes.editLabel')} onClick={() => setEditing(note.body)}>
            {t('calls.notes.edit')}
          </button>
        </div>
      ) : (
        <>
          <textarea
            className="notes-input"
            data-testid="call-note-edit-input"
            aria-label={t('calls.notes.editLabel')}
            value={editing}
            autoFocus
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <div className="button-row">
            <button type="button" className="btn btn-primary" data-testid="call-note-edit-save" disabled={busy || !editing.trim()} onClick={() => void save()}>
              {t('calls.notes.saveEdit')}
            </button>
            <button type="button" className="btn" onClick={() => setEditing(null)}>
              {t('calls.unknown.cancel')}
            </button>
          </div>
        </>
      )}
    </li>
  );
}

/** The disposition: one button per configured code; arrows move, Enter / Space or the digit picks. */
export function DispositionPicker({ call, config }: { call: CallSummary; config: CallsConfig | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const group = useRef<HTMLDivElement>(null);
  if (!config) return null;
  const options = config.dispositions;

  async function pick(code: string) {
    if (code === call.disposition) return;
    await run(() => api.call('calls.setDisposition', { callId: call.id, code }), { successSound: true });
  }
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const buttons = Array.from(group.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next = -1;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (at + 1) % buttons.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (at - 1 + buttons.length) % buttons.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    else if (/^[1-9]$/.test(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey) {
      const option = options[Number(e.key) - 1];
      if (option) {
        e.preventDefault();
        buttons[Number(e.key) - 1]?.focus();
        void pick(option.code);
      }
      return;
    }
    if (next >= 0) {
      e.preventDefault();
      buttons[next]?.focus();
    }
  }
  const selectedIndex = options.findIndex((o) => o.code === call.disposition);

  return (
    <section className="card caller-section" aria-labelledby="disposition-title">
      <h3 id="disposition-title">{t('calls.disposition.title')}</h3>
      <div ref={group} role="group" aria-labelledby="disposition-title" className="disposition-list" data-testid="disposition-picker" onKeyDown={onKeyDown}>
        {options.map((o, i) => (
          <button
            key={o.code}
            type="button"
            className="btn disposition-option"
            data-testid={`disposition-${o.code}`}
            aria-pressed={o.code === call.disposition}
            aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
            // One tab stop for the group: the chosen one (or the first).
            tabIndex={i === (selectedIndex >= 0 ? selectedIndex : 0) ? 0 : -1}
            disabled={busy}
            onClick={() => void pick(o.code)}
          >
            {i < 9 ? <kbd className="key-hint">{i + 1}</kbd> : null}
            <span>{dispositionLabel(t, o)}</span>
          </button>
        ))}
      </div>
      {call.disposition && selectedIndex < 0 ? <p className="muted">{call.disposition}</p> : null}
    </section>
  );
}

/**
 * After-call work: the countdown main keeps (read again on every reload and restart), "finish"
 * (with the chosen disposition, else main sets the default one), or "start" for an ended call.
 */
export function AfterCallWorkPanel({ call, config }: { call: CallSummary; config: CallsConfig | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const { run, busy } = useAction();
  const readAt = useCalls((s) => s.acwReadAt[call.id]);
  const acw = call.afterCallWork;
  const running = acw?.status === 'running';
  const now = useNow(running, 250);

  async function finish() {
    const done = await run(() => api.call('calls.finishAfterCallWork', { callId: call.id, ...(call.disposition ? { disposition: call.disposition } : {}) }), { successSound: true });
    if (done) stores.calls.getState().upsert({ ...call, afterCallWork: done }, Date.now());
  }
  async function start() {
    const started = await run(() => api.call('calls.startAfterCallWork', { callId: call.id }));
    if (started) stores.calls.getState().upsert({ ...call, afterCallWork: started }, Date.now());
  }

  if (!acw) {
    // Ringing calls cannot (main refuses); an answered one can, when the PBX does not report hang-ups.
    if (call.status === 'ringing') return null;
    return (
      <section className="card caller-section" aria-labelledby="acw-title">
        <h3 id="acw-title">{t('calls.acw.title')}</h3>
        <button type="button" className="btn" data-testid="acw-start" disabled={busy} onClick={() => void start()}>
          {t('calls.acw.start')}
        </button>
      </section>
    );
  }
  const left = acwRemaining(call, readAt, now);
  const defaultLabel = config ? labelOfCode(t, config.dispositions, config.defaultDisposition) : null;
  return (
    <section className={`card caller-section${running && left < 10_000 ? ' acw-low' : ''}`} aria-labelledby="acw-title" data-testid="acw" data-status={acw.status}>
      <h3 id="acw-title">{t('calls.acw.title')}</h3>
      {running ? (
        <div className="acw">
          <span className="acw-remaining" data-testid="acw-remaining" role="timer" aria-live="off" aria-label={t('calls.acw.remainingLabel', { time: formatCountdown(left) })}>
            {formatCountdown(left)}
          </span>
          <button type="button" className="btn btn-primary btn-large" data-testid="acw-finish" disabled={busy} onClick={() => void finish()}>
            {t('calls.acw.finish')}
          </button>
          {!call.disposition && defaultLabel ? <p className="muted">{t('calls.acw.defaultHint', { disposition: defaultLabel })}</p> : null}
        </div>
      ) : (
        <p data-testid="acw-done">{acw.status === 'timed_out' ? t('calls.acw.timedOut') : t('calls.acw.finished')}</p>
      )}
    </section>
  );
}

/** Which order the call was about: any order on the card, or none. */
export function LinkOrder({ call, card }: { call: CallSummary; card: CallerCard | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const numbers = (card?.orders ?? []).map((o) => o.number).filter((n): n is string => Boolean(n));
  if (numbers.length === 0 && !call.orderRef) return null;
  const options = call.orderRef && !numbers.includes(call.orderRef) ? [call.orderRef, ...numbers] : numbers;
  return (
    <section className="card caller-section">
      <label className="field">
        <span className="field-label">{t('calls.order.label')}</span>
        <select
          className="input select"
          data-testid="call-order"
          value={call.orderRef ?? ''}
          disabled={busy}
          onChange={(e) => void run(() => api.call('calls.linkOrder', { callId: call.id, orderRef: e.target.value || null }))}
        >
          <option value="">{t('calls.order.none')}</option>
          {options.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
