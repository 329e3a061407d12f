// The agent's UCS queues, live: callers waiting (and the longest wait), agents idle and talking,
// answered / abandoned and today's service level, read from UCS every few seconds while this view
// is open. Each queue can be paused and resumed (UCS queue membership: online only — when UCS
// cannot be asked, the row says why and nothing changes). When UCS does not answer, the last
// known counters stay with the time they are from.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentQueue, QueueView as QueueViewData } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { useAction } from '../../app/useAction';
import { useAgentState, usePauseErrorText, useQueueView } from './useAgent';
import './agent.css';

/** UCS queue types with a name of their own (0 outbound, 1 inbound, 2 tasks, 3 e-mail). */
const TYPES = { 0: true, 1: true, 2: true, 3: true } as const;

function Freshness({ view }: { view: QueueViewData }) {
  const { t } = useTranslation();
  const time = view.readAt !== null ? new Date(view.readAt).toLocaleTimeString() : t('agent.queues.never');
  if (view.source === 'live') {
    return (
      <span className="chip chip-ok" data-testid="queues-freshness" data-source="live">
        {t('agent.queues.live', { time })}
      </span>
    );
  }
  return (
    <span className="chip chip-warn" data-testid="queues-freshness" data-source={view.source} role="status">
      {view.problem ? t(`agent.queues.stale.${view.problem}`, { time }) : t('agent.queues.pulled', { time })}
    </span>
  );
}

const sec = (s: number | null): string => (s === null ? '—' : s >= 60 ? `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}` : `0:${String(Math.round(s)).padStart(2, '0')}`);

export function QueueView() {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const { state } = useAgentState();
  const linkedTo = state?.ucsAgent?.id ?? null;
  const { view, set } = useQueueView(linkedTo);
  const pauseError = usePauseErrorText();
  const [rowError, setRowError] = useState<{ queueId: number; text: string } | null>(null);

  async function toggle(q: AgentQueue) {
    setRowError(null);
    const next = await run(() => api.call('agent.pauseQueue', { queueId: q.id, paused: !q.paused }), {
      success: () => (q.paused ? t('agent.queues.resumed', { name: q.name }) : t('agent.queues.pausedToast', { name: q.name })),
      onError: (e) => {
        const text = pauseError(e);
        if (!text) return false;
        setRowError({ queueId: q.id, text });
        return true;
      },
    });
    if (next) set(next);
  }

  return (
    <section className="card queue-view" aria-labelledby="queue-view-title" data-testid="queue-view">
      <div className="queue-view-head">
        <h2 id="queue-view-title">{t('agent.queues.title')}</h2>
        {view && view.linked ? <Freshness view={view} /> : null}
      </div>
      {!view ? (
        <p className="muted">{t('agent.loading')}</p>
      ) : !view.linked ? (
        <p className="muted" data-testid="queues-not-linked">
          {t('agent.queues.notLinked')}
        </p>
      ) : view.queues.length === 0 ? (
        <p className="muted" data-testid="queues-empty">
          {view.source === 'none' ? t('agent.queues.unknown') : t('agent.queues.empty')}
        </p>
      ) : (
        <div className="queue-scroll">
          <table className="table queue-table" data-testid="queue-table">
            <thead>
              <tr>
                <th scope="col">{t('agent.queues.queue')}</th>
                <th scope="col" className="num">{t('agent.queues.waiting')}</th>
                <th scope="col" className="num">{t('agent.queues.longest')}</th>
                <th scope="col" className="num">{t('agent.queues.agents')}</th>
                <th scope="col" className="num">{t('agent.queues.calls')}</th>
                <th scope="col" className="num">{t('agent.queues.sl')}</th>
                <th scope="col">{t('agent.queues.membership')}</th>
              </tr>
            </thead>
            <tbody>
              {view.queues.map((q) => (
                <tr key={q.id} data-testid={`queue-${q.id}`} data-paused={q.paused} className={q.paused ? 'queue-paused' : undefined}>
                  <th scope="row">
                    <div className="queue-name">
                      {q.name} {q.paused ? <span className="chip chip-warn">{t('agent.queues.paused')}</span> : null}
                    </div>
                    <div className="muted queue-meta">
                      {[q.number, t(`agent.queues.type.${q.type in TYPES ? q.type : 'other'}`), q.priority !== null ? t('agent.queues.priority', { n: q.priority }) : null].filter(Boolean).join(' · ')}
                    </div>
                  </th>
                  <td className={`num queue-waiting${q.callersWaiting > 0 ? ' queue-hot' : ''}`} data-testid={`queue-${q.id}-waiting`}>
                    {q.callersWaiting}
                  </td>
                  <td className="num">{sec(q.longestWaitSec)}</td>
                  <td className="num">
                    {q.agentsIdle} / {q.agentsTalking}
                  </td>
                  <td className="num">
                    {q.answered} / {q.abandoned}
                  </td>
                  <td className="num">{q.serviceLevel.percent === null ? '—' : `${q.serviceLevel.percent.toFixed(1)} %`}</td>
                  <td>
                    <button
                      type="button"
                      className={`btn btn-small${q.paused ? ' btn-primary' : ''}`}
                      disabled={busy}
                      onClick={() => void toggle(q)}
                      data-testid={`queue-${q.id}-toggle`}
                      aria-label={`${q.paused ? t('agent.queues.resume') : t('agent.queues.pause')} ${q.name}`}
                    >
                      {q.paused ? t('agent.queues.resume') : t('agent.queues.pause')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rowError ? (
            <p className="form-error" role="alert" data-testid={`queue-${rowError.queueId}-error`}>
              {view.queues.find((q) => q.id === rowError.queueId)?.name}: {rowError.text}
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
