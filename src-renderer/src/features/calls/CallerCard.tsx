// The caller card: who is calling and everything the station knows about them, from the local
// store only — person and company with their numbers (copy, dial), the company's people, recent
// Afosto and HOMS orders with how far the bench got (labels reprinted from here), open tasks, the
// last interactions and the call's metadata.
import { useTranslation } from 'react-i18next';
import type { CallerCard as Card, CardOrder } from '../../../../src-preload/contract';
import { useApi, useToast } from '../../app/context';
import { useAction } from '../../app/useAction';
import { OrderStateChips } from './OrderState';

export function formatWhen(at: number | null, language: string): string {
  if (at === null) return '—';
  return new Date(at).toLocaleString(language === 'cs' ? 'cs-CZ' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function CallerCard({ card }: { card: Card }) {
  const { t } = useTranslation();
  const { contact, company } = card;
  const name = contact?.displayName ?? company?.name ?? card.call.number;
  const colleagues = card.companyContacts.filter((c) => c.id !== contact?.id);
  return (
    <section className="card caller" aria-labelledby="caller-name" data-testid="caller-card" tabIndex={-1}>
      <div className="caller-head">
        <h2 id="caller-name" className="caller-name" data-testid="caller-name">
          {name}
        </h2>
        {contact && company ? (
          <span className="caller-company" data-testid="caller-company">
            {[contact.role, company.name].filter(Boolean).join(' · ')}
          </span>
        ) : null}
        {contact?.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null}
      </div>
      <div className="caller-grid">
        <div className="caller-section">
          <h3>{t('calls.card.numbers')}</h3>
          {contact?.phones.map((p) => <PhoneRow key={`c${p.e164}`} number={p.number} e164={p.e164} label={p.label} />)}
          {company?.phones
            // The switchboard is often among the person's own numbers too: listed once.
            .filter((p) => !contact?.phones.some((c) => c.e164 === p.e164))
            .map((p) => (
              <PhoneRow key={`o${p.e164}`} number={p.number} e164={p.e164} label={!p.label || p.label === 'switchboard' ? t('calls.card.switchboard') : p.label} />
            ))}
          {!contact?.phones.length && !company?.phones.length ? <PhoneRow number={card.call.number} e164={card.call.e164} label={null} /> : null}
        </div>
        {colleagues.length > 0 ? (
          <div className="caller-section">
            <h3>{t('calls.card.companyPeople', { company: company?.name ?? '' })}</h3>
            <ul className="task-list" data-testid="caller-company-people">
              {colleagues.map((c) => (
                <li key={c.id}>
                  <strong>{c.displayName}</strong>
                  {c.role ? <span className="muted"> · {c.role}</span> : null}
                  {c.email ? <div className="muted">{c.email}</div> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <Orders orders={card.orders} />
      <div className="caller-grid">
        <Tasks card={card} />
        <Interactions card={card} />
      </div>
      <Metadata metadata={card.metadata} />
    </section>
  );
}

function PhoneRow({ number, e164, label }: { number: string; e164: string | null; label: string | null }) {
  const { t } = useTranslation();
  const toast = useToast();
  async function copy() {
    try {
      await navigator.clipboard.writeText(e164 ?? number);
      toast('success', t('calls.card.copied', { number: e164 ?? number }));
    } catch {
      toast('error', t('calls.card.copyFailed'));
    }
  }
  return (
    <div className="phone-row" data-testid="caller-phone">
      <span className="phone-number">{number}</span>
      {label ? <span className="phone-label">{label}</span> : null}
      <button type="button" className="btn btn-small" onClick={() => void copy()} aria-label={t('calls.card.copyNumber', { number })}>
        {t('calls.card.copy')}
      </button>
      {e164 ? (
        <a className="btn btn-small" href={`tel:${e164}`} aria-label={t('calls.card.dialNumber', { number })}>
          {t('calls.card.dial')}
        </a>
      ) : null}
    </div>
  );
}

function Orders({ orders }: { orders: CardOrder[] }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  async function reprint(jobId: string) {
    await run(() => api.call('printing.reprint', { id: jobId }), { successSound: true, success: (job) => t('printing.reprintQueued', { title: job.title }) });
  }
  return (
    <div className="caller-section">
      <h3>{t('calls.card.orders')}</h3>
      {orders.length === 0 ? (
        <p className="muted">{t('calls.card.noOrders')}</p>
      ) : (
        <table className="table" data-testid="caller-orders">
          <thead>
            <tr>
              <th>{t('calls.card.order')}</th>
              <th>{t('calls.card.placed')}</th>
              <th>{t('calls.card.status')}</th>
              <th>{t('calls.card.bench')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={`${o.source}:${o.id}`} data-testid="caller-order" data-number={o.number ?? ''}>
                <td>
                  <strong>{o.number ?? t('calls.card.notConfirmed')}</strong>
                  <div className="muted">{o.source === 'afosto' ? 'Afosto' : [`HOMS`, o.type, o.relatesTo].filter(Boolean).join(' · ')}</div>
                </td>
                <td>{formatWhen(o.placedAt, i18n.language)}</td>
                <td>{o.status}</td>
                <td>
                  {o.pack ? <OrderStateChips pack={o.pack} /> : <span className="muted">—</span>}
                  {o.pack?.parcels
                    .filter((p) => p.labelJobId)
                    .map((p) => (
                      <button
                        key={p.id}
                        type="button"
                        className="btn btn-small"
                        data-testid="caller-reprint"
                        disabled={busy}
                        onClick={() => void reprint(p.labelJobId!)}
                      >
                        {t('calls.card.reprint', { seq: p.seq })}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Tasks({ card }: { card: Card }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="caller-section">
      <h3>{t('calls.card.tasks')}</h3>
      {card.tasks.length === 0 ? (
        <p className="muted">{t('calls.card.noTasks')}</p>
      ) : (
        <ul className="task-list" data-testid="caller-tasks">
          {card.tasks.map((task) => (
            <li key={task.id} data-testid="caller-task">
              <strong>{task.title}</strong>
              <div className="interaction-meta">
                <span>{task.remote === 'ultracart' ? 'UltraCart' : task.remote === 'opentaps' ? 'Opentaps' : task.remote === 'homs' ? 'HOMS' : t('calls.card.local')}</span>
                <span>{task.status}</span>
                {task.dueAt ? <span>{t('calls.card.due', { when: formatWhen(task.dueAt, i18n.language) })}</span> : null}
                {task.pending ? <span className="chip chip-warn">{t('calls.card.notSent')}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Interactions({ card }: { card: Card }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="caller-section">
      <h3>{t('calls.card.interactions')}</h3>
      {card.interactions.length === 0 ? (
        <p className="muted">{t('calls.card.noInteractions')}</p>
      ) : (
        <ul className="interaction-list" data-testid="caller-interactions">
          {card.interactions.map((it) => (
            <li key={`${it.kind}:${it.id}`} data-testid="caller-interaction" data-kind={it.kind}>
              <div className="interaction-meta">
                <span>{t(`calls.card.kind.${it.kind}`)}</span>
                <span>{formatWhen(it.at, i18n.language)}</span>
              </div>
              <div className="interaction-body">{it.text}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Metadata({ metadata }: { metadata: Record<string, unknown> }) {
  const { t } = useTranslation();
  const entries = Object.entries(metadata);
  return (
    <div className="caller-section">
      <h3>{t('calls.card.metadata')}</h3>
      {entries.length === 0 ? (
        <p className="muted">{t('calls.card.noMetadata')}</p>
      ) : (
        <dl className="meta-list" data-testid="caller-metadata">
          {entries.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
