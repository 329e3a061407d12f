// The UltraCart task mappers and the delta cursor, against document-shaped records: a run over a
// list that changes between pages loses nothing and hands nothing on twice.
import { describe, expect, it } from 'vitest';
import {
  localStatusOf,
  MAX_RESTARTS,
  PAGE_OVERLAP,
  readTaskCursor,
  remoteStatusOf,
  stepTaskCursor,
  taskInputOf,
  uuidV7Ms,
  type TaskCursor,
} from '../../../../src-main/core/connectors/ultracart/mappers';
import type { WorkflowTask } from '../../../../src-main/core/connectors/ultracart';

const task = (n: number, dts: string, extra: Partial<WorkflowTask> = {}): WorkflowTask => ({ workflow_task_uuid: `t-${n}`, task_name: `Task ${n}`, last_update_dts: dts, ...extra });

/** Pages a list the way the remote does (offset into the current list), applying `between` after each page. */
function run(list: WorkflowTask[], cursor: TaskCursor, limit: number, between: (page: number, list: WorkflowTask[]) => void = () => {}) {
  const got: WorkflowTask[] = [];
  let c = cursor;
  for (let page = 0; page < 100; page++) {
    const since = c.since ? Date.parse(c.since) : -Infinity;
    const visible = list.filter((t) => Date.parse(t.last_update_dts!) >= since);
    const offset = c.run?.offset ?? 0;
    const items = visible.slice(offset, offset + limit);
    const next = items.length === limit && offset + limit < visible.length ? offset + items.length : undefined;
    const step = stepTaskCursor(c, { items, offset, next });
    got.push(...step.items);
    c = step.cursor;
    if (step.done) return { got, cursor: c };
    between(page, list);
  }
  throw new Error('no end');
}

describe('task delta cursor', () => {
  const T1 = '2026-01-01T10:00:00+01:00';
  const T2 = '2026-01-01T10:00:01+01:00';
  const T3 = '2026-01-01T10:00:02+01:00';

  it('equal timestamps across a page border and at the watermark: none lost, none doubled', () => {
    const list = Array.from({ length: 20 }, (_, i) => task(i, i < 10 ? T1 : T2));
    const first = run(list, readTaskCursor(null), 8);
    expect(first.got.map((t) => t.workflow_task_uuid)).toEqual(list.map((t) => t.workflow_task_uuid));
    expect(first.cursor.since).toBe(T2);
    // nothing changed: the inclusive begin returns the ten at T2, none is handed on
    expect(run(list, first.cursor, 8).got).toEqual([]);
    // one more task in the watermark's own second, and one changed again in it: both arrive
    list.push(task(20, T2));
    list[15] = task(15, T2, { task_details: 'changed twice within one second' });
    const again = run(list, first.cursor, 8);
    expect(again.got.map((t) => t.workflow_task_uuid).sort()).toEqual(['t-15', 't-20']);
  });

  it('a task leaving the list between pages (shift back) is detected: the run starts over, nothing is skipped', () => {
    const list = Array.from({ length: 30 }, (_, i) => task(i, T1));
    const { got, cursor } = run(list, readTaskCursor(null), 10, (page, l) => {
      if (page === 0) l.splice(0, PAGE_OVERLAP + 2); // more than the overlap absorbs
    });
    const uuids = new Set(got.map((t) => t.workflow_task_uuid));
    for (const t of list) expect(uuids.has(t.workflow_task_uuid)).toBe(true);
    expect(cursor.since).toBe(T1);
  });

  it('a small shift back is absorbed by the overlap; a shift forward only repeats', () => {
    const list = Array.from({ length: 30 }, (_, i) => task(i, T1));
    const back = run(list.slice(), readTaskCursor(null), 10, (page, l) => void (page === 0 && l.splice(0, 2)));
    expect(new Set(back.got.map((t) => t.workflow_task_uuid)).size).toBe(back.got.length);
    expect(back.got.length).toBe(30);
    const fwd = run(list.slice(), readTaskCursor(null), 10, (page, l) => void (page === 0 && l.unshift(task(99, T3))));
    const ids = new Set(fwd.got.map((t) => t.workflow_task_uuid));
    for (const t of list) expect(ids.has(t.workflow_task_uuid)).toBe(true);
  });

  it('a list that keeps shifting: after the restarts, the run ends without moving the watermark', () => {
    const list = Array.from({ length: 200 }, (_, i) => task(i, i < 100 ? T1 : T2));
    const start: TaskCursor = { since: T1, sinceIds: [] };
    const { cursor } = run(list, start, 10, (_p, l) => void l.splice(0, PAGE_OVERLAP + 1));
    expect(cursor).toEqual(start);
    expect(MAX_RESTARTS).toBeGreaterThan(0);
  });

  it('an unreadable stored cursor means a full read', () => {
    expect(readTaskCursor('{"since": 5}')).toEqual({ sinceIds: [] });
  });
});

describe('task mappers', () => {
  it('status: closed/cancelled and open/in progress survive a round trip', () => {
    expect(localStatusOf('closed')).toBe('done');
    expect(localStatusOf('closed - expiration')).toBe('cancelled');
    expect(localStatusOf('delayed')).toBe('in_progress');
    expect(localStatusOf('awaiting customer feedback')).toBe('in_progress');
    expect(localStatusOf('open')).toBe('open');
    for (const s of ['open', 'in_progress', 'done', 'cancelled'] as const) expect(localStatusOf(remoteStatusOf(s), s)).toBe(s);
    expect(localStatusOf('open', 'done')).toBe('open'); // reopened remotely
  });

  it('local fields → task input: only what is given', () => {
    expect(taskInputOf({ title: 'A', priority: 'urgent', dueAt: Date.UTC(2030, 0, 1), orderId: 'ODR-1', assigneeGroupId: 12 })).toEqual({
      task_name: 'A',
      priority: '4 - critical',
      due_dts: '2030-01-01T00:00:00.000Z',
      object_type: 'order',
      object_id: 'ODR-1',
      assigned_to_group_id: 12,
    });
    expect(taskInputOf({ status: 'cancelled' })).toEqual({ status: 'closed' });
  });

  it('reads the time out of a uuid v7 op id', () => {
    expect(uuidV7Ms('01890a5d-ac96-774b-bcce-b302099a8057')).toBe(0x01890a5dac96);
    expect(uuidV7Ms('c2c1eaf7-ce11-4fcd-8020-000000000038')).toBeUndefined();
  });
});
