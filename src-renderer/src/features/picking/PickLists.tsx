// The pick lists with filters (state, assignee, due, text). Scanner-only: scanning a list number
// opens it. Keyboard-only: arrows move the selection, Enter opens it; the filters are reachable
// with Tab.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PICK_DUE_FILTERS, PICK_LIST_STATES, type PickListSummary } from '../../../../src-preload/contract';
import { useApi, useOnScan, useSound, useToast } from '../../app/context';
import { errorText } from '../../app/errors';
import { DEFAULT_FILTER, usePickLists, type PickFilter } from './usePickLists';

export function PickLists({ onOpen }: { onOpen: (listId: string) => void }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<PickFilter>(DEFAULT_FILTER);
  const { data, error } = usePickLists(filter);
  const [selected, setSelected] = useState(0);
  const api = useApi();
  const onScan = useOnScan();
  const play = useSound();
  const toast = useToast();
  const lists = useMemo(() => data?.lists ?? [], [data]);
  const dateFmt = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }), [i18n.language]);

  // A scanned list number (printed on the pick list sheet) opens the list.
  useEffect(
    () =>
      onScan((s) => {
        if (s.kind === 'command' || s.kind === 'badge') return;
        const code = s.code.trim().toUpperCase();
        const hit = lists.find((l) => l.number.toUpperCase() === code || l.id === s.code.trim());
        if (hit) return onOpen(hit.id);
        // not among the lists shown (another filter): look for it among all of them
        void api.call('picking.list', { state: 'all', text: s.code.trim(), limit: 20 }).then(
          (r) => {
            const found = r.lists.find((l) => l.number.toUpperCase() === code);
            if (found) return onOpen(found.id);
            play('error');
            toast('error', t('picking.notAList', { code: s.code }));
          },
          () => play('error'),
        );
      }),
    [onScan, lists, onOpen, play, toast, t, api],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || lists.length === 0) return;
      const tag = (document.activeElement?.tagName ?? '').toUpperCase();
      if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
      if (e.key === 'ArrowDown') setSelected((k) => Math.min(k + 1, lists.length - 1));
      else if (e.key === 'ArrowUp') setSelected((k) => Math.max(k - 1, 0));
      else if (e.key === 'Enter' && tag !== 'BUTTON') onOpen(lists[Math.min(selected, lists.length - 1)]!.id);
      else return;
      e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lists, selected, onOpen]);

  const set = <K extends keyof PickFilter>(k: K, v: PickFilter[K]) => {
    setSelected(0);
    setFilter((f) => ({ ...f, [k]: v }));
  };

  return (
    <div className="pick-lists">
      <h1 id="screen-title" className="screen-title">
        {t('picking.listsTitle')}
      </h1>
      <form className="pick-filters" aria-label={t('picking.filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('picking.state')}</span>
          <select data-testid="pick-filter-state" value={filter.state} onChange={(e) => set('state', e.target.value as PickFilter['state'])}>
            <option value="active">{t('picking.active')}</option>
            {PICK_LIST_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`picking.states.${s}`)}
              </option>
            ))}
            <option value="all">{t('picking.all')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('picking.assignee')}</span>
          <select data-testid="pick-filter-assignee" value={filter.assignee} onChange={(e) => set('assignee', e.target.value)}>
            <option value="any">{t('picking.anyone')}</option>
            <option value="unassigned">{t('picking.unassigned')}</option>
            {(data?.assignees ?? []).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('picking.due')}</span>
          <select data-testid="pick-filter-due" value={filter.due} onChange={(e) => set('due', e.target.value as PickFilter['due'])}>
            {PICK_DUE_FILTERS.map((d) => (
              <option key={d} value={d}>
                {t(`picking.dueFilter.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field pick-filter-text">
          <span>{t('picking.search')}</span>
          <input data-testid="pick-filter-text" type="search" placeholder={t('picking.searchHint')} value={filter.text} onChange={(e) => set('text', e.target.value)} />
        </label>
      </form>
      <p className="pick-hint">{t('picking.listHint')}</p>
      {error ? (
        <p className="form-error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      {data === null ? (
        <p>{t('picking.loading')}</p>
      ) : lists.length === 0 ? (
        <p data-testid="pick-lists-empty">{t('picking.empty')}</p>
      ) : (
        <table className="pick-table" data-testid="pick-lists">
          <thead>
            <tr>
              <th>{t('picking.number')}</th>
              <th>{t('picking.state')}</th>
              <th>{t('picking.assignee')}</th>
              <th>{t('picking.dueCol')}</th>
              <th>{t('picking.shipmentsCol')}</th>
              <th>{t('picking.progressCol')}</th>
            </tr>
          </thead>
          <tbody>
            {lists.map((l, k) => (
              <ListRow key={l.id} list={l} selected={k === selected} now={data.at} due={l.dueAt !== null ? dateFmt.format(l.dueAt) : t('picking.noDue')} onOpen={() => onOpen(l.id)} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ListRow({ list, selected, now, due, onOpen }: { list: PickListSummary; selected: boolean; now: number; due: string; onOpen: () => void }) {
  const { t } = useTranslation();
  const p = list.progress;
  const overdue = list.dueAt !== null && list.dueAt < now && p.remaining > 0;
  return (
    <tr className={`pick-row${selected ? ' pick-row-selected' : ''}`} data-testid="pick-list-row" data-list-id={list.id} data-number={list.number} aria-selected={selected}>
      <td>
        <button type="button" className="btn pick-open" onClick={onOpen}>
          {list.number}
        </button>
      </td>
      <td>{t(`picking.states.${list.state}`)}</td>
      <td>{list.assignee ?? t('picking.unassigned')}</td>
      <td className={overdue ? 'pick-overdue' : undefined}>{due}</td>
      <td>{list.shipments}</td>
      <td>
        <meter min={0} max={Math.max(p.total, 1)} value={p.picked + p.short} /> {t('picking.progress', { picked: p.picked, total: p.total })}
      </td>
    </tr>
  );
}
