// Print jobs as the screens keep them: newest first, one row per job id, a fixed number of rows.
// Events and call answers can arrive in any order, so an older copy of a job never replaces a newer.
import type { PrintJobInfo } from '../../../../src-preload/contract';

export const HISTORY_LIMIT = 50;

const newestFirst = (a: PrintJobInfo, b: PrintJobInfo) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function upsertJob(jobs: readonly PrintJobInfo[], job: PrintJobInfo, limit = HISTORY_LIMIT): PrintJobInfo[] {
  const existing = jobs.find((j) => j.id === job.id);
  if (existing && existing.updatedAt > job.updatedAt) return jobs as PrintJobInfo[];
  const rest = jobs.filter((j) => j.id !== job.id);
  return [...rest, job].sort(newestFirst).slice(0, limit);
}

/** How a job that was just sent ended up, for the toast and the sound. */
export type JobOutcome = 'done' | 'sent' | 'failed' | 'queued';
export function jobOutcome(job: PrintJobInfo): JobOutcome {
  return job.status;
}
export const isGoodOutcome = (o: JobOutcome) => o === 'done' || o === 'sent';
