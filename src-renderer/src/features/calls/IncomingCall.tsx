// The incoming-call card: on every screen, for whoever takes calls, as soon as main says a call
// rings. It says who it is (one person; several behind a shared number, to choose from with the
// digit keys; or nobody, with an explicit "create contact"), and opens the caller card on the Calls
// screen. Mounted once by the shell; it also keeps the calls slice live (useCallsFeed).
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary, CallerCard } from '../../../../src-preload/contract';
import { useApi, useServices } from '../../app/context';
import { useAction } from '../../app/useAction';
import { ringing } from './callsStore';
import { useNow } from './useNow';
import { OrderStateChips } from './OrderState';
import { useCallerCard, useCalls, useCallsFeed, useTakesCalls } from './useCalls';
import './calls.css';

export function IncomingCallLayer() {
  useCallsFeed();
  const takesCalls = useTakesCalls();
  const calls = useCalls((s) => s.calls);
  const handled = useCalls((s) => s.handled);
  const ringSeenAt = useCalls((s) => s.ringSeenAt);
  const anyRinging = calls?.some((c) => c.status === 'ringing') ?? false;
  const now = useNow(anyRinging, 15_000);
  if (!takesCalls) return null;
  const waiting = ringing({ calls, handled, ringSeenAt }, now);
  const call = waiting[0];
  if (!call) return null;
  return <IncomingCallCard key={call.id} call={call} more={waiting.length - 1} />;
}

function isTyping(el: Element | null): boolean {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type !== 'button') || el instanceof HTMLSelectElement;
}

function IncomingCallCard({ call, more }: { call: CallSummary; more: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const { run, busy } = useAction();
  const { card } = useCallerCard(call.id);
  const primary = useRef<HTMLButtonElement>(null);
  const kind = call.identification;

  // Take the focus for the keyboard, unless the agent is typing (a note of another call).
  useEffect(() => {
    if (!isTyping(document.activeElement)) primary.current?.focus({ preventScroll: true });
  }, []);

  function open(create = false) {
    stores.calls.getState().open(call.id, create);
    stores.ui.getState().navigate('calls');
  }
  async function choose(match: CallerCard['identification']['matches'][number]) {
    const input = match.contactId ? { callId: call.id, contactId: match.contactId } : { callId: call.id, companyId: match.companyId ?? '' };
    const done = await run(() => api.call('calls.identify', input));
    if (done) open();
  }
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      stores.calls.getState().markHandled(call.id);
      return;
    }
    if (kind === 'choose' && /^[1-9]$/.test(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey && card) {
      const match = card.identification.matches[Number(e.key) - 1];
      if (match) {
        e.preventDefault();
        void choose(match);
      }
    }
  }

  const titleId = `incoming-${call.id}-title`;
  return (
    <div
      className={`incoming${kind === 'unknown' ? ' incoming-unknown' : ''}`}
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid="incoming-call"
      data-kind={kind}
      data-call-id={call.id}
      onKeyDown={onKeyDown}
    >
      <div className="incoming-head">
        <span className="ring-dot" aria-hidden="true" />
        <span>{t('calls.incoming.title')}</span>
        {call.queueName || call.queue ? <span className="incoming-queue">{t('calls.incoming.queue', { queue: call.queueName ?? call.queue })}</span> : null}
      </div>
      <div id={titleId} className="incoming-who" data-testid="incoming-who">
        {kind === 'known' ? (call.callerName ?? call.number) : kind === 'choose' ? t('calls.incoming.shared') : t('calls.incoming.unknown')}
      </div>
      {kind === 'known' && call.companyName && call.companyName !== call.callerName ? <div className="incoming-company">{call.companyName}</div> : null}
      <div className="incoming-number" data-testid="incoming-number">
        {call.number}
      </div>
      {kind === 'known' && card ? <KnownFacts card={card} /> : null}
      {kind === 'choose' ? <Chooser card={card} busy={busy} onChoose={(m) => void choose(m)} /> : null}
      {kind === 'unknown' ? <p className="muted">{t('calls.incoming.unknownHint')}</p> : null}
      <div className="incoming-actions">
        {kind === 'unknown' ? (
          <button ref={primary} type="button" className="btn btn-primary" data-testid="incoming-create" onClick={() => open(true)}>
            {t('calls.unknown.create')}
          </button>
        ) : null}
        <button
          ref={kind === 'unknown' ? undefined : primary}
          type="button"
          className={`btn${kind === 'unknown' ? '' : ' btn-primary'}`}
          data-testid="incoming-open"
          onClick={() => open()}
        >
          {kind === 'choose' ? t('calls.incoming.openUnchosen') : kind === 'unknown' ? t('calls.incoming.openShort') : t('calls.incoming.open')}
        </button>
        <button type="button" className="btn" data-testid="incoming-dismiss" aria-keyshortcuts="Escape" onClick={() => stores.calls.getState().markHandled(call.id)}>
          {t('calls.incoming.dismiss')}
        </button>
      </div>
      {more > 0 ? <div className="incoming-more muted">{t('calls.incoming.more', { count: more })}</div> : null}
    </div>
  );
}

/** A known caller in two lines: the latest order with how far the bench got, and open tasks. */
function KnownFacts({ card }: { card: CallerCard }) {
  const { t } = useTranslation();
  const order = card.orders[0];
  return (
    <div className="incoming-facts" data-testid="incoming-facts">
      {order ? (
        <>
          <span className="chip chip-neutral">{t('calls.incoming.lastOrder', { number: order.number ?? '—' })}</span>
          {order.pack ? <OrderStateChips pack={order.pack} /> : <span className="chip chip-neutral">{order.status}</span>}
        </>
      ) : (
        <span className="chip chip-neutral">{t('calls.incoming.noOrders')}</span>
      )}
      {card.tasks.length > 0 ? <span className="chip chip-warn">{t('calls.incoming.openTasks', { count: card.tasks.length })}</span> : null}
    </div>
  );
}

/** The people (and the company) behind a shared number; digit keys 1–9 pick. */
export function Chooser({
  card,
  busy,
  onChoose,
}: {
  card: CallerCard | null;
  busy: boolean;
  onChoose: (m: CallerCard['identification']['matches'][number]) => void;
}) {
  const { t } = useTranslation();
  if (!card) return <p className="muted">{t('calls.loading')}</p>;
  const matches = card.identification.matches;
  return (
    <div>
      <p className="muted" id={`chooser-${card.call.id}`}>
        {t('calls.chooser.prompt', { count: matches.length })}
      </p>
      <ul className="chooser-list" aria-labelledby={`chooser-${card.call.id}`} data-testid="chooser">
        {matches.map((m, i) => (
          <li key={`${m.kind}:${m.contactId ?? m.companyId}`}>
            <button
              type="button"
              className="btn chooser-item"
              data-testid="chooser-item"
              disabled={busy}
              aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
              onClick={() => onChoose(m)}
            >
              {i < 9 ? <kbd>{i + 1}</kbd> : null}
              <strong>{m.name}</strong>
              <span className="chooser-role">{m.kind === 'company' ? t('calls.chooser.company') : [m.role, m.companyName].filter(Boolean).join(' · ')}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
