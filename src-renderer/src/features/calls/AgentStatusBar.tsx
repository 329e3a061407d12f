// The agent's status: ready, not available (AUX) with one of the team's reasons, after-call work,
// offline — how long, why, and how many offers were missed in a row. Keyboard: with focus in the
// bar, R = ready, A = the reasons menu (arrows, Enter, Escape), O = offline. Until the user is
// linked to their UCS agent, the bar asks which one they are (their name is offered first).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState, UcsUserChoice } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { useAction } from '../../app/useAction';
import { useAgentState } from './useAgent';
import './agent.css';

/** "m:ss", or "h:mm:ss" past an hour. */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

const typing = (el: EventTarget | null): boolean => el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA');

export function AgentStatusBar() {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const { state, error, set } = useAgentState();
  const [menu, setMenu] = useState(false);
  const [linking, setLinking] = useState(false);
  const auxButton = useRef<HTMLButtonElement>(null);
  const now = useNow(1000);

  if (!state) {
    return (
      <section className="card agent-bar" data-testid="agent-status-bar" aria-busy={!error}>
        {error ? <p className="form-error">{error}</p> : <span className="muted">{t('agent.loading')}</span>}
      </section>
    );
  }

  async function setStatus(status: 'ready' | 'aux' | 'offline', reason?: string) {
    setMenu(false);
    const next = await run(() => api.call('agent.setStatus', reason ? { status, reason } : { status }));
    if (next) set(next);
    if (status === 'aux') auxButton.current?.focus();
  }

  function chooseAux() {
    // A team without reasons (or none pulled yet): AUX on its own.
    if (state!.auxReasons.length === 0) void setStatus('aux');
    else setMenu((m) => !m);
  }

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target) || busy) return;
    const k = e.key.toLowerCase();
    if (k === 'r') void setStatus('ready');
    else if (k === 'o') void setStatus('offline');
    else if (k === 'a') chooseAux();
    else return;
    e.preventDefault();
  }

  const { status, auxReason } = state;
  const color = status === 'aux' ? state.auxReasons.find((r) => r.reason === auxReason)?.color : null;
  const ucs = state.ucsAgent;

  return (
    <section className="card agent-bar" data-testid="agent-status-bar" aria-label={t('agent.title')} onKeyDown={onKeyDown}>
      <div className="agent-current" aria-live="polite">
        <span className={`agent-dot agent-dot-${status}`} style={color ? { background: `#${color}` } : undefined} aria-hidden />
        <strong className="agent-status" data-testid="agent-status" data-status={status}>
          {t(`agent.status.${status}`)}
          {auxReason ? ` — ${auxReason}` : ''}
        </strong>
        <span className="agent-since" data-testid="agent-since">
          {elapsed(now - state.since)}
        </span>
        {state.cause !== 'agent' ? <span className="muted">({t(`agent.cause.${state.cause}`)})</span> : null}
        {state.missedOffers > 0 && state.status === 'ready' ? (
          <span className="chip chip-warn" data-testid="agent-missed">
            {state.autoAuxAfter > 0 ? t('agent.missedOf', { count: state.missedOffers, max: state.autoAuxAfter }) : t('agent.missed', { count: state.missedOffers })}
          </span>
        ) : null}
      </div>
      <div className="agent-actions" role="toolbar" aria-label={t('agent.actions')}>
        <button type="button" className={`btn btn-large ${status === 'ready' ? 'btn-primary' : ''}`} aria-pressed={status === 'ready'} disabled={busy} onClick={() => void setStatus('ready')} data-testid="agent-ready">
          {status === 'after_call_work' ? t('agent.finishAcw') : t('agent.status.ready')} <kbd>R</kbd>
        </button>
        <button
          ref={auxButton}
          type="button"
          className="btn btn-large"
          aria-pressed={status === 'aux'}
          aria-haspopup={state.auxReasons.length > 0 ? 'menu' : undefined}
          aria-expanded={state.auxReasons.length > 0 ? menu : undefined}
          disabled={busy}
          onClick={chooseAux}
          data-testid="agent-aux"
        >
          {t('agent.auxMenu')} <kbd>A</kbd>
        </button>
        <button type="button" className="btn btn-large" aria-pressed={status === 'offline'} disabled={busy} onClick={() => void setStatus('offline')} data-testid="agent-offline">
          {t('agent.status.offline')} <kbd>O</kbd>
        </button>
      </div>
      {menu ? <ReasonMenu state={state} onChoose={(r) => void setStatus('aux', r)} onClose={() => (setMenu(false), auxButton.current?.focus())} /> : null}
      <div className="agent-link">
        {ucs && !linking ? (
          <>
            <span className="muted" data-testid="agent-linked">
              {t('agent.link.as', { name: ucs.name })}
              {ucs.teamName ? ` · ${ucs.teamName}` : ''}
            </span>
            <button type="button" className="btn btn-small" onClick={() => setLinking(true)}>
              {t('agent.link.change')}
            </button>
          </>
        ) : (
          <LinkForm
            current={ucs?.id ?? null}
            onDone={(s) => {
              if (s) set(s);
              setLinking(false);
            }}
            onCancel={ucs ? () => setLinking(false) : undefined}
          />
        )}
      </div>
    </section>
  );
}

function ReasonMenu({ state, onChoose, onClose }: { state: AgentState; onChoose: (reason: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => {
    const i = state.auxReasons.findIndex((r) => r.reason === state.auxReason);
    items.current[Math.max(0, i)]?.focus();
  }, [state]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const i = items.current.findIndex((el) => el === document.activeElement);
    const n = state.auxReasons.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') items.current[(i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n]?.focus();
    else if (e.key === 'Home') items.current[0]?.focus();
    else if (e.key === 'End') items.current[n - 1]?.focus();
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <div className="agent-aux-menu" role="menu" aria-label={t('agent.auxChoose')} onKeyDown={onKeyDown} data-testid="agent-aux-menu">
      {state.auxReasons.map((r, i) => (
        <button
          key={r.reason}
          ref={(el) => {
            items.current[i] = el;
          }}
          type="button"
          role="menuitemradio"
          aria-checked={state.status === 'aux' && state.auxReason === r.reason}
          className="agent-aux-item"
          onClick={() => onChoose(r.reason)}
        >
          <span className="agent-dot" style={r.color ? { background: `#${r.color}` } : undefined} aria-hidden />
          {r.reason}
          {r.break ? <span className="muted"> · {t('agent.break')}</span> : null}
        </button>
      ))}
    </div>
  );
}

function LinkForm({ current, onDone, onCancel }: { current: number | null; onDone: (s: AgentState | undefined) => void; onCancel?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const [users, setUsers] = useState<UcsUserChoice[] | null>(null);
  const [chosen, setChosen] = useState<string>('');

  useEffect(() => {
    let live = true;
    api.call('agent.ucsUsers', {}).then(
      (list) => {
        if (!live) return;
        setUsers(list);
        setChosen(String(current ?? list.find((u) => u.suggested)?.id ?? ''));
      },
      () => live && setUsers([]),
    );
    return () => {
      live = false;
    };
  }, [api, current]);

  async function save() {
    if (!chosen) return;
    const s = await run(() => api.call('agent.link', { ucsUserId: Number(chosen) }));
    if (s) onDone(s);
  }

  if (users && users.length === 0) return <p className="muted" data-testid="agent-link-none">{t('agent.link.none')}</p>;
  return (
    <form
      className="inline-form agent-link-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span>{t('agent.link.question')}</span>
        <select className="select" value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={!users} data-testid="agent-link-select">
          <option value="">{t('agent.link.choose')}</option>
          {(users ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
              {u.externalId ? ` (${u.externalId})` : ''}
              {u.suggested ? ` — ${t('agent.link.suggested')}` : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy || !chosen} data-testid="agent-link-save">
        {t('agent.link.save')}
      </button>
      {onCancel ? (
        <button type="button" className="btn" onClick={onCancel}>
          {t('agent.link.cancel')}
        </button>
      ) : null}
    </form>
  );
}
