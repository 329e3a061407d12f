// Migration 6 (jobs): the engine's table, and print_jobs handing its retry state to it — existing
// jobs keep their order, attempts and (coded) reasons.
import { describe, expect, it } from 'vitest';
import { columns, useMigrationStore } from './helpers';

const store = useMigrationStore();
const { openAt } = store;

describe('migration 6: jobs', () => {
  it('creates the jobs table with its status machine, unique ids and the open-jobs index', async () => {
    const db = await openAt(6);
    expect(columns(db, 'jobs')).toEqual([
      'seq', 'id', 'queue', 'ordering_key', 'payload', 'status', 'attempts', 'interrupted', 'next_attempt_at', 'error_code', 'error_detail', 'created_at', 'updated_at',
    ]);
    const insert = (id: string, status: string) =>
      db.raw.exec(`INSERT INTO jobs (id, queue, ordering_key, payload, status, next_attempt_at, created_at, updated_at) VALUES ('${id}', 'q', 'k', '{}', '${status}', 0, 0, 0)`);
    insert('a', 'pending');
    expect(() => insert('a', 'pending')).toThrow(/UNIQUE/);
    expect(() => insert('b', 'lost')).toThrow(/CHECK/);
    const idx = (db.raw.prepare(`PRAGMA index_list(jobs)`).all() as { name: string; partial: number }[]).find((i) => i.name === 'jobs_open');
    expect(idx?.partial).toBe(1);
  });

  it('moves existing print jobs onto the engine: order, attempts and reasons kept, prose turned into codes', async () => {
    const old = await openAt(5);
    const add = (id: string, at: number, status: string, attempts: number, next: number | null, lastError: string | null) =>
      old.raw
        .prepare(
          `INSERT INTO print_jobs (id, station_id, printer_id, kind, format, title, payload, status, attempts, next_attempt_at, last_error, created_at, updated_at)
           VALUES (?, 'st', 'zebra', 'shipping', 'zpl', 'Label', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, Buffer.from('^XA^XZ'), status, attempts, next, lastError, at, at);
    add('q2', 20, 'queued', 0, null, null);
    add('q1', 10, 'queued', 2, 5000, 'printer paper out');
    add('f1', 5, 'failed', 0, null, 'printer removed');
    add('f2', 6, 'failed', 30, null, '127.0.0.1:9100 unreachable (ECONNREFUSED) (gave up after 30 attempts)');
    add('s1', 7, 'sent', 1, null, 'not confirmed: no ~HS reply within 5000 ms');
    add('d1', 8, 'done', 1, null, null);
    old.close();

    const db = await openAt(6);
    expect(columns(db, 'print_jobs')).not.toEqual(expect.arrayContaining(['attempts']));
    expect(columns(db, 'print_jobs')).not.toContain('last_error');
    expect(columns(db, 'print_jobs')).toEqual(expect.arrayContaining(['error_code', 'error_detail', 'status', 'payload']));

    const jobs = db.raw.prepare(`SELECT id, queue, ordering_key AS key, payload, status, attempts, next_attempt_at AS next, error_code AS code FROM jobs ORDER BY seq`).all();
    expect(jobs).toEqual([
      { id: 'f1', queue: 'print', key: 'zebra', payload: '{"printJobId":"f1"}', status: 'dead', attempts: 0, next: 5, code: 'printer_removed' },
      { id: 'f2', queue: 'print', key: 'zebra', payload: '{"printJobId":"f2"}', status: 'dead', attempts: 30, next: 6, code: 'unreachable' },
      { id: 's1', queue: 'print', key: 'zebra', payload: '{"printJobId":"s1"}', status: 'done', attempts: 1, next: 7, code: null },
      { id: 'd1', queue: 'print', key: 'zebra', payload: '{"printJobId":"d1"}', status: 'done', attempts: 1, next: 8, code: null },
      { id: 'q1', queue: 'print', key: 'zebra', payload: '{"printJobId":"q1"}', status: 'pending', attempts: 2, next: 5000, code: 'paper_out' },
      { id: 'q2', queue: 'print', key: 'zebra', payload: '{"printJobId":"q2"}', status: 'pending', attempts: 0, next: 20, code: null },
    ]);
    const prints = db.raw.prepare(`SELECT id, status, error_code AS code, error_detail AS detail FROM print_jobs ORDER BY created_at`).all();
    expect(prints).toEqual([
      { id: 'f1', status: 'failed', code: 'printer_removed', detail: 'printer removed' },
      { id: 'f2', status: 'failed', code: 'unreachable', detail: '127.0.0.1:9100 unreachable (ECONNREFUSED) (gave up after 30 attempts)' },
      { id: 's1', status: 'sent', code: null, detail: 'not confirmed: no ~HS reply within 5000 ms' },
      { id: 'd1', status: 'done', code: null, detail: null },
      { id: 'q1', status: 'queued', code: null, detail: null },
      { id: 'q2', status: 'queued', code: null, detail: null },
    ]);
  });
});
