/** Async work (labels, slips, allocate, fulfil, cancel): answered with `x-task-id`, polled at `/mes/tasks/{id}`. */
import { randomUUID } from 'node:crypto';
import { iso } from '../generator/index';
import { json } from '../http';
import type { SimState } from '../state';
import { notFound } from './protocol';
import type { AfostoSim } from './sim';

export interface Task {
  id: string;
  name: string;
  description: string;
  startedAt: number;
  completeAt: number;
  completedAt: number | null;
  /** the async part (PDF rendering) is still running */
  pending: boolean;
  /** the highest progress reported so far: polled progress never goes backwards (even if the sim clock does) */
  progress: number;
  result: string;
  run: () => Promise<string> | string;
}

export function createTaskQueue(state: SimState) {
  const tasks = new Map<string, Task>();
  const addTask = (name: string, description: string, run: () => Promise<string> | string): Task => {
    const now = state.now();
    const t: Task = { id: randomUUID(), name, description, startedAt: now, completeAt: now + state.config.taskDelayMs, completedAt: null, pending: false, progress: 0, result: '', run };
    tasks.set(t.id, t);
    return t;
  };
  let running = false;
  /** finish the tasks that are due (the system's tick) */
  const runDueTasks = (now: number): void => {
    if (running) return;
    for (const t of tasks.values()) {
      if (t.completedAt !== null || t.pending || t.completeAt > now) continue;
      t.completedAt = now;
      running = true;
      try {
        const res = t.run();
        if (typeof res === 'string') t.result = res;
        else {
          // async (PDF rendering): mark complete when it resolves; completeAt stays, so progress holds at 99
          t.completedAt = null;
          t.pending = true;
          res.then(
            (v) => Object.assign(t, { result: v, completedAt: state.now(), pending: false }),
            (e: Error) => Object.assign(t, { result: `error: ${e.message}`, completedAt: state.now(), pending: false }),
          );
        }
      } finally {
        running = false;
      }
    }
  };
  return { tasks, addTask, runDueTasks };
}

export function registerTasks(sim: AfostoSim): void {
  const { r, state, tasks } = sim;
  r.get('/mes/tasks/:id', (ctx) => {
    const t = tasks.get(ctx.params.id as string);
    if (!t) return notFound('Task');
    const done = t.completedAt !== null;
    const total = Math.max(1, t.completeAt - t.startedAt);
    const now = done ? 100 : Math.max(0, Math.min(99, Math.floor(((state.now() - t.startedAt) / total) * 100)));
    t.progress = Math.max(t.progress, now);
    return json(200, {
      id: t.id,
      name: t.name,
      description: t.description,
      progress: t.progress,
      result: t.result,
      started_at: iso(t.startedAt),
      completed_at: done ? iso(t.completedAt as number) : null,
      expires_at: iso(t.startedAt + 86400_000),
    });
  });
}
