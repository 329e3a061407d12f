// A follow-up task for the caller: an UltraCart workflow task or an Opentaps task, with its
// assignee (from the people seen on pulled tasks of that system) and a due time. Stored here with
// its outbox op; it reaches the remote when it answers.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary, CallerCard, FollowUpInput } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';
import { useAction } from '../../app/useAction';

type Remote = 'ultracart' | 'opentaps';
type Assignee = { remote: Remote; id: string; label: string };

/** Tomorrow 09:00 local time, as a datetime-local value. */
export function defaultDue(now: Date = new Date()): string {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** UltraCart assignees are a user or a group ("group:7"; a bare number or "user:12" is a user). */
export function ultracartAssignee(id: string): { assigneeUserId: number } | { assigneeGroupId: number } | null {
  const group = /^group:(\d+)$/.exec(id);
  if (group) return { assigneeGroupId: Number(group[1]) };
  const user = /^(?:user:)?(\d+)$/.exec(id);
  return user ? { assigneeUserId: Number(user[1]) } : null;
}

export function FollowUpForm({ call, card, onCreated }: { call: CallSummary; card: CallerCard | null; onCreated: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { run, busy } = useAction();
  const ids = useId();
  const [remote, setRemote] = useState<Remote>('ultracart');
  const [assignees, setAssignees] = useState<Assignee[] | null>(null);
  const [assignee, setAssignee] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [due, setDue] = useState(() => defaultDue());
  const [priority, setPriority] = useState<'low' | 'normal' | 'high' | 'urgent'>('normal');
  // null: follow the order the call is linked to (it may be linked after this form opened).
  const [chosenOrder, setOrderRef] = useState<string | null>(null);
  const orderRef = chosenOrder ?? call.orderRef ?? '';
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('calls.assignees', { remote }).then(
      (list) => {
        if (!live) return;
        setAssignees(list);
        setAssignee(list[0]?.id ?? '');
      },
      () => live && setAssignees([]),
    );
    return () => {
      live = false;
    };
  }, [api, remote]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const dueAt = new Date(due).getTime();
    if (!title.trim()) return setError(t('calls.followUp.needTitle'));
    if (!Number.isFinite(dueAt)) return setError(t('calls.followUp.needDue'));
    if (!assignee.trim()) return setError(t('calls.followUp.needAssignee'));
    const common = {
      callId: call.id,
      title: title.trim(),
      dueAt,
      priority,
      ...(description.trim() ? { description: description.trim() } : {}),
      // Left out, core takes the call's linked order (the contract has no "none" for a linked call).
      ...(orderRef ? { orderRef } : {}),
    };
    let input: FollowUpInput;
    if (remote === 'ultracart') {
      const who = ultracartAssignee(assignee.trim());
      if (!who) return setError(t('calls.followUp.needAssignee'));
      input = { ...common, remote, ...who };
    } else {
      input = { ...common, remote, assignedToContactId: assignee.trim() };
    }
    const task = await run(() => api.call('calls.createFollowUp', input), {
      successSound: true,
      success: () => t('calls.followUp.created'),
      onError: (_e, text) => {
        setError(text);
        return true;
      },
    });
    if (!task) return;
    setTitle('');
    setDescription('');
    onCreated();
  }

  const numbers = (card?.orders ?? []).map((o) => o.number).filter((n): n is string => Boolean(n));
  const orders = call.orderRef && !numbers.includes(call.orderRef) ? [call.orderRef, ...numbers] : numbers;
  return (
    <form className="card caller-section" aria-labelledby={`${ids}-title`} data-testid="follow-up" onSubmit={(e) => void submit(e)}>
      <h3 id={`${ids}-title`}>{t('calls.followUp.title')}</h3>
      <fieldset className="fieldset">
        <legend>{t('calls.followUp.system')}</legend>
        <div className="segmented" role="radiogroup">
          {(['ultracart', 'opentaps'] as const).map((r) => (
            <label key={r} className="check">
              <input type="radio" name={`${ids}-remote`} value={r} checked={remote === r} data-testid={`follow-up-${r}`} onChange={() => {
                  setRemote(r);
                  setAssignees(null);
                  setAssignee('');
                }} />
              {r === 'ultracart' ? t('calls.followUp.ultracart') : t('calls.followUp.opentaps')}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${ids}-t`}>{t('calls.followUp.what')}</label>
        <input id={`${ids}-t`} className="input" data-testid="follow-up-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-d`}>{t('calls.followUp.details')}</label>
        <textarea id={`${ids}-d`} className="notes-input" style={{ minHeight: '4rem' }} value={description} maxLength={4000} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-a`}>{t('calls.followUp.assignee')}</label>
        {assignees && assignees.length > 0 ? (
          <select id={`${ids}-a`} className="input select" data-testid="follow-up-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        ) : (
          // Nobody seen on pulled tasks yet (or the list is loading): type the remote's id.
          <input
            id={`${ids}-a`}
            className="input"
            data-testid="follow-up-assignee"
            value={assignee}
            placeholder={remote === 'ultracart' ? t('calls.followUp.ultracartIdHint') : t('calls.followUp.opentapsIdHint')}
            onChange={(e) => setAssignee(e.target.value)}
          />
        )}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-due`}>{t('calls.followUp.due')}</label>
          <input id={`${ids}-due`} type="datetime-local" className="input" data-testid="follow-up-due" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-p`}>{t('calls.followUp.priority')}</label>
          <select id={`${ids}-p`} className="input select" value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
            {(['low', 'normal', 'high', 'urgent'] as const).map((p) => (
              <option key={p} value={p}>
                {t(`calls.followUp.priorities.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {orders.length > 0 ? (
        <div className="field">
          <label htmlFor={`${ids}-o`}>{t('calls.followUp.order')}</label>
          <select id={`${ids}-o`} className="input select" value={orderRef} onChange={(e) => setOrderRef(e.target.value)}>
            {call.orderRef ? null : <option value="">{t('calls.order.none')}</option>}
            {orders.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert" data-testid="follow-up-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" data-testid="follow-up-submit" disabled={busy}>
        {t('calls.followUp.create')}
      </button>
    </form>
  );
}
