// The guided pick walk: what to do now (go to the position, scan the product), the result of the
// last scan in large type and colour, the tote to put it in, progress and what remains — all
// driven by the scanner (codes and CMD:UNDO / SKIP / NEXT / SHORT / DONE / CANCEL) or the keyboard
// (F6 undo, F7 skip, F8 short, a number + Enter for a count, Esc back to the lists). Scans are
// sent one after another in the order they came, so a burst is counted exactly. When the list
// changes elsewhere (another station's pick arriving with a pull: picking.changed) it is read
// again, in the same queue after the scans already taken, so a scan is never overtaken.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHORT_REASONS, type PickListView, type PickStepResult, type ShortReason } from '../../../../src-preload/contract';
import { useApi, useOnScan, useServices, useSound } from '../../app/context';
import { useAction } from '../../app/useAction';
import { feedbackOf, type Feedback } from './feedback';

export function PickGuided({ listId, onBack }: { listId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const onScan = useOnScan();
  const play = useSound();
  const { run } = useAction();
  const [view, setView] = useState<PickListView | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [lastTote, setLastTote] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [count, setCount] = useState('');
  const countRef = useRef<HTMLInputElement>(null);
  // one step at a time, in arrival order
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const seq = useRef(0);
  // steps queued or in flight, and whether the list changed meanwhile (re-read once they are done)
  const pending = useRef(0);
  const stale = useRef(false);
  const rereadQueued = useRef(false);

  useEffect(() => {
    let live = true;
    void run(() => api.call('picking.open', { listId })).then((v) => live && v && setView(v));
    return () => {
      live = false;
    };
  }, [api, listId, run]);

  /**
   * Reads the list again after every queued step (the walk's place — position, skips — is in the
   * log, so it is kept); the feedback, the tote and the typed count stay as they are. Announcements
   * that come while a read waits its turn are served by that read.
   */
  const reread = useCallback(() => {
    stale.current = false;
    if (rereadQueued.current) return;
    rereadQueued.current = true;
    chain.current = chain.current.then(async () => {
      rereadQueued.current = false;
      const v = await api.call('picking.open', { listId }).catch(() => null);
      if (v && pending.current === 0) setView(v); // a step queued meanwhile brings its own, newer view
    });
  }, [api, listId]);

  const step = useCallback(
    (call: () => Promise<PickStepResult>) => {
      pending.current++;
      chain.current = chain.current.then(async () => {
        try {
          const r = await run(call);
          if (!r) return;
          setView(r.view);
          setFeedback(feedbackOf(r, ++seq.current));
          // the tote stays up while the picker walks on to the next position, not past another step
          if (r.code === 'picked') setLastTote(r.tote);
          else if (r.code !== 'position_ok') setLastTote(null);
          play(r.ok ? 'success' : 'error');
        } finally {
          // a change announced while steps ran may have come after the last step's view: read once more
          if (--pending.current === 0 && stale.current) reread();
        }
      });
    },
    [run, play, reread],
  );

  // A short-pick question belongs to one line: when the walk moves on (a pull, a step), it is put
  // away rather than applied to another line.
  const expectedLine = view?.expect?.lineId ?? null;
  const askedFor = useRef<string | null>(null);
  useEffect(() => {
    if (askedFor.current !== null && askedFor.current !== expectedLine) setAsking(false);
    askedFor.current = expectedLine;
  }, [expectedLine]);

  // Another station's work on this list (through a pull) or another window: read it again — at
  // once when idle, else once the queued steps are done (this station's own steps announce
  // themselves too: their view is already on screen, the extra read changes nothing).
  useEffect(
    () =>
      api.on('picking.changed', (e) => {
        if (e.listId !== listId) return;
        if (pending.current > 0) stale.current = true;
        else reread();
      }),
    [api, listId, reread],
  );

  const short = useCallback(
    (reason: ShortReason) => {
      setAsking(false);
      step(() => api.call('picking.short', { listId, reason }));
    },
    [api, listId, step],
  );

  // Product and position codes go to core as scanned; core reads them again.
  useEffect(
    () =>
      onScan((s) => {
        if (s.kind === 'command' || s.kind === 'badge') return;
        step(() => api.call('picking.scan', { listId, raw: s.code, kind: s.kind }));
      }),
    [onScan, step, api, listId],
  );

  // Work commands from the command sheet, while this screen is shown.
  useEffect(
    () =>
      // NEXT moves on like SKIP (core treats it so: the line comes back at the end, never shorted)
      stores.scanBus.claimCommands(['UNDO', 'SKIP', 'NEXT', 'SHORT', 'DONE', 'CANCEL'], (s) => {
        if (s.kind !== 'command') return;
        const c = s.command;
        if (c === 'SHORT') {
          // the first CMD:SHORT asks why; a second one means "not found" (scanner-only)
          if (asking) short('not_found');
          else setAsking(true);
        } else if (c === 'CANCEL' && asking) setAsking(false);
        else if (c === 'DONE' || c === 'CANCEL') onBack();
        else step(() => api.call('picking.scan', { listId, raw: s.code, kind: 'command' }));
      }),
    [stores, asking, short, onBack, step, api, listId],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
      if (asking) {
        const k = Number(e.key);
        if (k >= 1 && k <= SHORT_REASONS.length) short(SHORT_REASONS[k - 1]!);
        else if (e.key === 'Escape') setAsking(false);
        else return;
      } else if (e.key === 'F6') step(() => api.call('picking.undo', { listId }));
      else if (e.key === 'F7') step(() => api.call('picking.skip', { listId }));
      else if (e.key === 'F8') setAsking(true);
      else if (e.key === 'Escape') onBack();
      else return;
      e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [asking, short, step, api, listId, onBack]);

  // The count field keeps the keyboard; scans never reach it (the capture takes them first).
  const loaded = view !== null;
  useEffect(() => {
    if (loaded) countRef.current?.focus();
  }, [loaded]);

  if (!view) return <p>{t('picking.loading')}</p>;
  const cur = view.expect ? view.lines.find((l) => l.id === view.expect!.lineId) : undefined;
  const p = view.progress;
  const closed = view.state === 'finished' || view.state === 'cancelled';
  const tote = lastTote ?? cur?.tote ?? null;

  return (
    <div className="pick-guided">
      <div className="pick-head">
        <button type="button" className="btn" data-testid="pick-back" onClick={onBack}>
          ← {t('picking.back')}
        </button>
        <h1 id="screen-title" className="screen-title">
          {view.number}
        </h1>
        <span className="muted">{t('picking.shipments', { count: view.shipments })}</span>
        <div className="pick-progress" data-testid="pick-remaining" data-remaining={p.remaining} data-picked={p.picked} data-short={p.short}>
          <meter min={0} max={Math.max(p.total, 1)} value={p.picked + p.short} />
          <strong>{t('picking.remaining', { count: p.remaining })}</strong>
          <span>{t('picking.progress', { picked: p.picked, total: p.total })}</span>
          {p.short > 0 ? <span className="pick-short-count">{t('picking.shortCount', { count: p.short })}</span> : null}
        </div>
      </div>

      <div className="pick-main">
        <section className={`pick-current${cur ? ` pick-step-${view.expect!.step}` : ' pick-current-done'}`} data-testid="pick-current" data-step={view.expect?.step ?? 'done'} data-line-id={cur?.id ?? ''}>
          {cur ? (
            <>
              <div className={`pick-target${view.expect!.step === 'position' ? ' pick-target-now' : ''}`}>
                <span className="pick-label">{t('picking.goTo')}</span>
                <span className="pick-position" data-testid="pick-current-position">
                  {cur.position ?? t('picking.noPosition')}
                </span>
              </div>
              <div className={`pick-target${view.expect!.step === 'product' ? ' pick-target-now' : ''}`}>
                <span className="pick-label">{t('picking.scanProduct')}</span>
                <span className="pick-sku" data-testid="pick-current-sku">
                  {cur.sku}
                </span>
                <span className="pick-name">{cur.name}</span>
              </div>
              <div className="pick-left" data-testid="pick-current-left">
                {t('picking.left', { remaining: cur.remaining, quantity: cur.quantity })}
              </div>
            </>
          ) : (
            <p className="pick-finished">{closed ? t('picking.closedList', { state: t(`picking.states.${view.state}`) }) : t('picking.finished')}</p>
          )}
        </section>
        <section className={`pick-tote${lastTote ? ' pick-tote-put' : ''}`} data-testid="pick-tote" data-tote={tote ?? ''} aria-live="polite">
          <span className="pick-label">{lastTote ? t('picking.putIn') : t('picking.tote')}</span>
          <span className="pick-tote-name">{tote ?? '—'}</span>
        </section>
      </div>

      <div
        className={`pick-feedback${feedback ? ` pick-feedback-${feedback.tone}` : ''}`}
        data-testid="pick-feedback"
        data-tone={feedback?.tone ?? ''}
        data-code={feedback?.key.slice('picking.results.'.length) ?? ''}
        data-seq={feedback?.seq ?? 0}
        role="status"
        aria-live="assertive"
      >
        {feedback ? t(feedback.key, feedback.values) : cur ? t('picking.ready') : ''}
      </div>

      {asking && cur ? (
        <div className="pick-short card" data-testid="pick-short" role="dialog" aria-label={t('picking.shortTitle', { sku: cur.sku, remaining: cur.remaining })}>
          <h2>{t('picking.shortTitle', { sku: cur.sku, remaining: cur.remaining })}</h2>
          <div className="pick-short-reasons">
            {SHORT_REASONS.map((r, k) => (
              <button key={r} type="button" className="btn btn-large" data-testid={`pick-short-${r}`} onClick={() => short(r)}>
                {k + 1}. {t(`picking.reasons.${r}`)}
              </button>
            ))}
          </div>
          <p className="muted">{t('picking.shortKeys')}</p>
        </div>
      ) : null}

      <div className="pick-actions">
        <form
          className="pick-count"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(count);
            setCount('');
            if (Number.isInteger(n) && n > 0) step(() => api.call('picking.count', { listId, quantity: n }));
          }}
        >
          <label className="field">
            <span>{t('picking.count')}</span>
            <input ref={countRef} data-testid="pick-count" inputMode="numeric" pattern="[0-9]*" placeholder={t('picking.countHint')} value={count} onChange={(e) => setCount(e.target.value.replace(/\D/g, ''))} />
          </label>
        </form>
        <button type="button" className="btn" data-testid="pick-undo" disabled={!view.canUndo} onClick={() => step(() => api.call('picking.undo', { listId }))}>
          {t('picking.undo')}
        </button>
        <button type="button" className="btn" data-testid="pick-skip" disabled={!cur} onClick={() => step(() => api.call('picking.skip', { listId }))}>
          {t('picking.skip')}
        </button>
        <button type="button" className="btn" data-testid="pick-short-open" disabled={!cur} onClick={() => setAsking(true)}>
          {t('picking.short')}
        </button>
      </div>
      <p className="muted pick-keys">{t('picking.keys')}</p>

      <table className="pick-table pick-lines" data-testid="pick-lines">
        <thead>
          <tr>
            <th>{t('picking.col.position')}</th>
            <th>{t('picking.col.sku')}</th>
            <th>{t('picking.col.name')}</th>
            <th>{t('picking.col.qty')}</th>
            <th>{t('picking.col.picked')}</th>
            <th>{t('picking.col.left')}</th>
            <th>{t('picking.col.tote')}</th>
          </tr>
        </thead>
        <tbody>
          {view.lines.map((l) => (
            <tr
              key={l.id}
              data-testid="pick-line"
              data-line-id={l.id}
              data-remaining={l.remaining}
              className={`${l.id === cur?.id ? 'pick-line-current' : ''}${l.remaining === 0 ? (l.short > 0 ? ' pick-line-short' : ' pick-line-done') : ''}`}
            >
              <td>{l.position ?? '—'}</td>
              <td>{l.sku}</td>
              <td>
                {l.name}
                {l.skipped ? <span className="pick-tag">{t('picking.skippedTag')}</span> : null}
                {l.shortReason ? <span className="pick-tag pick-tag-short">{t(`picking.reasons.${l.shortReason}`)}</span> : null}
              </td>
              <td>{l.quantity}</td>
              <td>{l.picked}</td>
              <td>{l.remaining}</td>
              <td>{l.tote ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
