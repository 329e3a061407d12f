// The pick lists for the current filter, read again whenever a list changes (picking.changed) and
// while pulls run (sync.remotes names no lists: re-read at most every 2 s). Answers to an older
// filter are dropped. One read at a time: announcements during a read make one more read after it
// (a pull that changed 300 lists announces each, and costs two reads, not 300).
import { useEffect, useState } from 'react';
import type { Input, PickLists } from '../../../../src-preload/contract';
import { useApi } from '../../app/context';

export type PickFilter = Required<Omit<Input<'picking.list'>, 'limit'>>;
export const DEFAULT_FILTER: PickFilter = { state: 'active', assignee: 'any', due: 'any', text: '' };

export function usePickLists(filter: PickFilter): { data: (PickLists & { at: number }) | null; error: unknown } {
  const api = useApi();
  const [data, setData] = useState<(PickLists & { at: number }) | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    let reading = false;
    let again = false;
    const load = () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      api
        .call('picking.list', { ...filter, limit: 200 })
        .then(
          (value) => {
            if (!live) return;
            setData({ ...value, at: Date.now() });
            setError(null);
          },
          (e: unknown) => {
            if (live) setError(e);
          },
        )
        .finally(() => {
          reading = false;
          if (live && again) {
            again = false;
            load();
          }
        });
    };
    load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offPick = api.on('picking.changed', load);
    const offSync = api.on('sync.remotes', () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        load();
      }, 2_000);
    });
    return () => {
      live = false;
      offPick();
      offSync();
      if (timer) clearTimeout(timer);
    };
  }, [api, filter]);

  return { data, error };
}
