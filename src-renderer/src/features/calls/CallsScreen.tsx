// Calls: the call the agent is on (or the newest one still needing work) with its caller card —
// or the chooser for a shared number, or "unknown caller" — and beside it the notes, disposition,
// order, after-call work and follow-up. Tabs switch between the current calls; recent calls can be
// reopened to add a note later.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary } from '../../../../src-preload/contract';
import { useApi, useServices } from '../../app/context';
import { useAction } from '../../app/useAction';
import { ScreenTitle } from '../../components/ScreenTitle';
import { isActive } from './callsStore';
import { CallerCard, formatWhen } from './CallerCard';
import { AfterCallWorkPanel, DispositionPicker, LinkOrder, NotesPanel } from './CallWork';
import { labelOfCode } from './dispositions';
import { FollowUpForm } from './FollowUpForm';
import { useNow } from './useNow';
import { Chooser } from './IncomingCall';
import { UnknownCaller } from './UnknownCaller';
import { useCallerCard, useCalls, useCallsConfig, useTakesCalls } from './useCalls';
import { AgentStatusBar } from './AgentStatusBar';
import { QueueView } from './QueueView';
import './calls.css';

export function CallsScreen() {
  const { t } = useTranslation();
  const takesCalls = useTakesCalls();
  const calls = useCalls((s) => s.calls);
  const selectedId = useCalls((s) => s.selectedId);
  const ringSeenAt = useCalls((s) => s.ringSeenAt);
  const now = useNow(calls?.some((c) => c.status === 'ringing') ?? false, 15_000);
  const { stores } = useServices();
  const config = useCallsConfig();

  if (!takesCalls) {
    return (
      <>
        <ScreenTitle screen="calls" />
        <p className="empty" data-testid="calls-not-agent">
          {t('calls.notAgent')}
        </p>
      </>
    );
  }
  const current = (calls ?? []).filter((c) => isActive(c, ringSeenAt[c.id], now));
  // The chosen call, else the newest one needing work, else the last one (its after-call work just
  // ended: the agent sees how it ended until the next call rings).
  const selected = (selectedId ? calls?.find((c) => c.id === selectedId) : undefined) ?? current[0] ?? calls?.[0] ?? null;
  const tabs = selected && !current.some((c) => c.id === selected.id) ? [selected, ...current] : current;

  return (
    <div className="calls-screen">
      <div className="screen-head">
        <ScreenTitle screen="calls" />
        <AgentStatusBar />
      </div>
      {tabs.length > 1 ? (
        <div className="calls-tabs" role="tablist" aria-label={t('calls.tabs')}>
          {tabs.map((c) => (
            <button
              key={c.id}
              type="button"
              role="tab"
              className="btn call-tab"
              aria-selected={c.id === selected?.id}
              data-testid="call-tab"
              onClick={() => stores.calls.getState().select(c.id)}
            >
              {c.callerName ?? c.number} · {t(`calls.status.${statusKey(c)}`)}
            </button>
          ))}
        </div>
      ) : null}
      {selected ? <CallView key={selected.id} call={selected} config={config} /> : <p className="empty" data-testid="calls-idle">{t('calls.idle')}</p>}
      <QueueView />
      <RecentCalls config={config} />
    </div>
  );
}

function statusKey(c: CallSummary): 'ringing' | 'answered' | 'acw' | 'ended' | 'missed' {
  if (c.afterCallWork?.status === 'running') return 'acw';
  return c.status;
}

function CallView({ call, config }: { call: CallSummary; config: ReturnType<typeof useCallsConfig> }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const { run, busy } = useAction();
  // Drawn after the incoming card: a ring paints who is calling first, this heavy card a frame later.
  const { card, failed, reload } = useCallerCard(call.id, { defer: true });
  const focusRequest = useCalls((s) => s.focusRequest);
  const view = useRef<HTMLDivElement>(null);

  // A global hotkey asked for the card or the note box (calls.focus): the keyboard goes there.
  // An ask made before this view existed counts too (the hotkey brought the app to this screen);
  // once done it is cleared, so a later visit does not move the keyboard again.
  useEffect(() => {
    if (!focusRequest) return;
    const root = view.current;
    const target =
      focusRequest.target === 'note'
        ? root?.querySelector<HTMLElement>('[data-testid="call-note-input"]')
        : root?.querySelector<HTMLElement>(`[data-testid="${call.identification === 'known' ? 'caller-card' : call.identification === 'choose' ? 'call-chooser' : 'call-status'}"]`);
    if (!target) return; // the card is not drawn yet: this runs again when it is
    stores.calls.getState().focusDone(focusRequest.seq);
    // The agent is at this call now: its incoming card (which would take the keyboard back) goes.
    stores.calls.getState().markHandled(call.id);
    target.focus({ preventScroll: false });
  }, [focusRequest, card, stores, call.id, call.identification]);

  async function choose(m: NonNullable<typeof card>['identification']['matches'][number]) {
    await run(() => api.call('calls.identify', m.contactId ? { callId: call.id, contactId: m.contactId } : { callId: call.id, companyId: m.companyId ?? '' }));
  }

  return (
    <div ref={view} className="calls-layout" data-testid="call-view" data-call-id={call.id} data-kind={call.identification}>
      <div className="calls-main">
        <div className="card caller-head" data-testid="call-status" tabIndex={-1}>
          <strong>{t(`calls.status.${statusKey(call)}`)}</strong>
          <span className="phone-number">{call.number}</span>
          {call.queueName || call.queue ? <span className="muted">{t('calls.incoming.queue', { queue: call.queueName ?? call.queue })}</span> : null}
          <span className="muted">{formatWhen(call.startedAt, i18n.language)}</span>
          {call.transferredTo !== null ? <span className="chip chip-neutral">{t('calls.transferred', { to: call.transferredTo || '—' })}</span> : null}
        </div>
        {failed && !card ? (
          <p className="form-error" role="alert">
            {t('calls.cardFailed')}
          </p>
        ) : null}
        {call.identification === 'unknown' ? <UnknownCaller call={call} /> : null}
        {call.identification === 'choose' ? (
          <section className="card" data-testid="call-chooser" tabIndex={-1}>
            <h2 className="caller-name">{t('calls.incoming.shared')}</h2>
            <Chooser card={card} busy={busy} onChoose={(m) => void choose(m)} />
          </section>
        ) : null}
        {call.identification === 'known' && card ? <CallerCard card={card} /> : null}
        {call.identification === 'known' && !card && !failed ? <p className="muted">{t('calls.loading')}</p> : null}
      </div>
      <div className="calls-side">
        <AfterCallWorkPanel call={call} config={config} />
        <NotesPanel call={call} card={card} onSaved={reload} />
        <DispositionPicker call={call} config={config} />
        <LinkOrder call={call} card={card} />
        {call.identification !== 'unknown' || call.contactId ? <FollowUpForm call={call} card={card} onCreated={reload} /> : null}
      </div>
    </div>
  );
}

/** The station's latest calls; opening one brings it back to add a note or a follow-up. */
function RecentCalls({ config }: { config: ReturnType<typeof useCallsConfig> }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const [recent, setRecent] = useState<CallSummary[] | null>(null);
  const calls = useCalls((s) => s.calls);
  useEffect(() => {
    let live = true;
    api.call('calls.recent', { limit: 20 }).then(
      (r) => live && setRecent(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Read again when the current calls change (one ended, a new one rang).
  }, [api, calls]);
  if (!recent || recent.length === 0) return null;
  return (
    <section className="card" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('calls.recent')}</h2>
      <table className="table" data-testid="calls-recent">
        <tbody>
          {recent.map((c) => (
            <tr key={c.id}>
              <td>{formatWhen(c.startedAt, i18n.language)}</td>
              <td>{c.callerName ?? (c.identification === 'choose' ? t('calls.incoming.shared') : c.identification === 'unknown' ? t('calls.incoming.unknown') : c.number)}</td>
              <td>{c.number}</td>
              <td>{t(`calls.status.${statusKey(c)}`)}</td>
              <td>{c.disposition ? labelOfCode(t, config?.dispositions, c.disposition) : '—'}</td>
              <td className="cell-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    const store = stores.calls.getState();
                    if (!store.calls?.some((x) => x.id === c.id)) store.upsert(c, Date.now());
                    store.select(c.id);
                  }}
                >
                  {t('calls.openRecent')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
