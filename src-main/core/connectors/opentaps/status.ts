// The task status machine of seed 004 ("Task Status"). The API does not enforce it, so the client
// must: an illegal change is refused here, before any request, as a 'validation' error.
import { z } from 'zod';

/** Wire values are upper-case [ext]; CANCELLED is assumed by analogy (the seed writes "Cancelled"). */
export const TASK_STATUSES = ['CREATED', 'STARTED', 'COMPLETED', 'CANCELLED'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** Seed: Created → Started | Cancelled; Started → Completed | Cancelled; Completed, Cancelled are final. */
const NEXT: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  CREATED: ['STARTED', 'CANCELLED'],
  STARTED: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

/** The statuses a task in `from` may move to. */
export function nextTaskStatuses(from: TaskStatus): readonly TaskStatus[] {
  return NEXT[from];
}

/** Still to be done: the statuses "my open tasks" lists. */
export function isOpenTaskStatus(s: TaskStatus): boolean {
  return NEXT[s].length > 0;
}

/** Why `from → to` is not allowed, or null when it is. Staying put is not a transition. */
export function taskTransitionProblem(from: TaskStatus, to: TaskStatus): string | null {
  if (NEXT[from].includes(to)) return null;
  if (NEXT[from].length === 0) return `a ${from} task cannot be changed`;
  if (from === to) return `the task is already ${from}`;
  return `a ${from} task can only become ${NEXT[from].join(' or ')}, not ${to}`;
}

export function canChangeTaskStatus(from: TaskStatus, to: TaskStatus): boolean {
  return taskTransitionProblem(from, to) === null;
}
