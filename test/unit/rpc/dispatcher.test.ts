import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { createDispatcher, type CallerUser, type Handlers } from '../../../src-main/core/rpc/dispatcher';
import { AppError } from '../../../src-main/core/rpc/errors';
import { IdempotencyStore } from '../../../src-main/core/rpc/idempotency';
import { tempDir } from '../../helpers/tmp';

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

// Handlers for the methods these tests call; the rest are never reached. The store is a real
// SQLite database in memory with every migration.
async function dispatcherWith(overrides: Partial<Handlers>, user: CallerUser | null = null, clock = { t: 1_700_000_000_000 }) {
  const logger = memoryLogger();
  const handlers = new Proxy(overrides as Handlers, {
    get: (target, key: string) => (target as Record<string, unknown>)[key] ?? (() => { throw new Error(`unexpected ${key}`); }),
  });
  const db = await openDatabase({ file: ':memory:' });
  dbs.push(db);
  const dispatcher = createDispatcher({ handlers, logger, currentUser: () => user, newCorrelationId: () => 'ABCD-EFGH', db, now: () => clock.t });
  return { dispatcher, logger, db };
}

const settings = { language: 'en', theme: 'system', sounds: true, volume: 0.6, scannerMaxGapMs: 35, scannerMinLength: 4 } as const;

describe('dispatcher', () => {
  it('answers ok with the handler value parsed by the output schema', async () => {
    const { dispatcher } = await dispatcherWith({ 'settings.get': () => ({ ...settings }) });
    expect(await dispatcher.dispatch({ method: 'settings.get', input: {} }, 'in-process')).toEqual({ ok: true, value: settings });
  });

  it('rejects a malformed envelope, an unknown method and invalid input with stable codes', async () => {
    const { dispatcher } = await dispatcherWith({});
    expect(await dispatcher.dispatch('nope', 'websocket')).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Malformed request' } });
    expect(await dispatcher.dispatch({ method: 'drop.tables', input: {} }, 'websocket')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await dispatcher.dispatch({ method: 'station.signIn', input: { pin: '12' } }, 'websocket');
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'pin', message: 'A PIN is 4 to 8 digits' }] } });
    const extra = await dispatcher.dispatch({ method: 'station.signIn', input: { pin: '1234', admin: true } }, 'websocket');
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('checks access before running the handler', async () => {
    let ran = false;
    const create = () => {
      ran = true;
      return { id: 'u', name: 'x', role: 'packer' as const, active: true };
    };
    const anon = await dispatcherWith({ 'station.createUser': create });
    const input = { method: 'station.createUser', input: { name: 'Eva', role: 'packer', pin: '4444' } };
    expect(await anon.dispatcher.dispatch(input, 'ipc')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Sign in first' } });
    const packer = await dispatcherWith({ 'station.createUser': create }, { id: 'p', role: 'packer' });
    expect(await packer.dispatcher.dispatch(input, 'ipc')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Your role may not do this' } });
    expect(ran).toBe(false);
    const boss = await dispatcherWith({ 'station.createUser': create }, { id: 's', role: 'supervisor' });
    expect(await boss.dispatcher.dispatch(input, 'ipc')).toMatchObject({ ok: true });
    expect(ran).toBe(true);
  });

  it('passes AppErrors through with their code, message and declared details', async () => {
    const { dispatcher } = await dispatcherWith(
      {
        'station.createUser': () => {
          throw new AppError('CONFLICT', 'Another user already has this PIN', { field: 'pin' });
        },
      },
      { id: 's', role: 'supervisor' },
    );
    expect(await dispatcher.dispatch({ method: 'station.createUser', input: { name: 'Eva', role: 'packer', pin: '4444' } }, 'ipc')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Another user already has this PIN', details: { field: 'pin' } },
    });
  });

  it('hides internal errors behind a correlation id and logs the details in main', async () => {
    const { dispatcher, logger } = await dispatcherWith({
      'settings.get': () => {
        throw new Error('SQLITE_ERROR: no such table: secret_stuff at SELECT * FROM secret_stuff');
      },
    });
    const result = await dispatcher.dispatch({ method: 'settings.get', input: {} }, 'websocket');
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong on this station. Reference ABCD-EFGH.', correlationId: 'ABCD-EFGH' },
    });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|SELECT|stack|at /);
    const logged = logger.lines.map((l) => JSON.parse(l));
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', correlationId: 'ABCD-EFGH', method: 'settings.get' }));
    expect(logger.lines.join()).toContain('no such table: secret_stuff');
  });

  it('treats a handler that breaks its output schema as an internal error', async () => {
    const { dispatcher, logger } = await dispatcherWith({ 'settings.get': () => ({ language: 'klingon' }) as never });
    expect(await dispatcher.dispatch({ method: 'settings.get', input: {} }, 'ipc')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logger.lines.join()).toContain('violates the contract');
  });

  it('treats error details that the method does not declare, or that break the declaration, as our bug', async () => {
    const { dispatcher, logger } = await dispatcherWith({
      'station.signIn': (input) => {
        if (!('pin' in input)) throw new Error('this test signs in by PIN');
        if (input.pin === '1111') throw new AppError('UNAUTHORIZED', 'Too many wrong PINs', { reason: 'locked', retryAfterSeconds: 30 });
        if (input.pin === '2222') throw new AppError('UNAUTHORIZED', 'Too many wrong PINs', { retryAfter: '30 s' });
        if (input.pin === '3333') throw new AppError('CONFLICT', 'Clash', { field: 'pin' });
        if (input.pin === '4444') throw new AppError('VALIDATION', 'Bad', 'not a list of issues');
        throw new AppError('UNAUTHORIZED', 'Unknown PIN');
      },
    });
    const signIn = (pin: string) => dispatcher.dispatch({ method: 'station.signIn', input: { pin } }, 'ipc');
    expect(await signIn('1111')).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Too many wrong PINs', details: { reason: 'locked', retryAfterSeconds: 30 } } });
    expect(await signIn('9999')).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Unknown PIN' } });
    for (const pin of ['2222', '3333', '4444']) {
      expect(await signIn(pin)).toMatchObject({ ok: false, error: { code: 'INTERNAL', correlationId: 'ABCD-EFGH' } });
    }
    const logged = logger.lines.filter((l) => l.includes('rpc error details violate the contract'));
    expect(logged).toHaveLength(3);
    expect(logged[1]).toContain('CONFLICT declares no details');
  });
});

describe('dispatcher: a write runs once per idempotency key', () => {
  const job = (id: string) => ({
    id, stationId: 's', printerId: 'spool', kind: 'test', format: 'zpl' as const, title: 'Test label', status: 'queued' as const,
    attempts: 0, nextAttemptAt: null, errorCode: null, errorDetail: null, reprintOf: 'j0', orderId: null, parcelId: null, createdAt: 1, updatedAt: 1, payloadBytes: 10,
  });
  const packer: CallerUser = { id: 'p', role: 'packer' };

  it('answers a repeated key with the first result without running the handler again', async () => {
    let runs = 0;
    const { dispatcher, db } = await dispatcherWith({ 'printing.reprint': () => job(`j${++runs}`) }, packer);
    const call = { method: 'printing.reprint', input: { id: 'j0' }, idempotencyKey: 'k-1' };
    const first = await dispatcher.dispatch(call, 'websocket');
    expect(first).toMatchObject({ ok: true, value: { id: 'j1' } });
    expect(await dispatcher.dispatch(call, 'websocket')).toEqual(first);
    expect(runs).toBe(1);
    // A new key is a new call.
    expect(await dispatcher.dispatch({ ...call, idempotencyKey: 'k-2' }, 'websocket')).toMatchObject({ ok: true, value: { id: 'j2' } });
    expect(runs).toBe(2);
    // The first result lives in SQLite: a dispatcher started afresh on the same store still knows it.
    const again = createDispatcher({
      handlers: { 'printing.reprint': () => job('after-restart') } as unknown as Handlers,
      logger: memoryLogger(), currentUser: () => packer, newCorrelationId: () => 'X', db,
      now: () => 1_700_000_000_000,
    });
    expect(await again.dispatch(call, 'websocket')).toEqual(first);
  });

  it('a repeat that arrives while the first still runs waits for it and gets its result', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { dispatcher } = await dispatcherWith({
      'printing.reprint': async () => {
        runs++;
        await gate;
        return job('j1');
      },
    }, packer);
    const call = { method: 'printing.reprint', input: { id: 'j0' }, idempotencyKey: 'k-concurrent' };
    const a = dispatcher.dispatch(call, 'websocket');
    const b = dispatcher.dispatch(call, 'websocket');
    release();
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toMatchObject({ ok: true, value: { id: 'j1' } });
    expect(rb).toEqual(ra);
    expect(runs).toBe(1);
  });

  it('keeps the first answer even when it was an error', async () => {
    let runs = 0;
    const { dispatcher } = await dispatcherWith({
      'printing.reprint': () => {
        runs++;
        throw new AppError('NOT_FOUND', 'Print job not found', { id: 'j0' });
      },
    }, packer);
    const call = { method: 'printing.reprint', input: { id: 'j0' }, idempotencyKey: 'k-err' };
    const first = await dispatcher.dispatch(call, 'websocket');
    expect(first).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Print job not found', details: { id: 'j0' } } });
    expect(await dispatcher.dispatch(call, 'websocket')).toEqual(first);
    expect(runs).toBe(1);
  });

  it('refuses a key reused for another method or other input', async () => {
    let runs = 0;
    const { dispatcher } = await dispatcherWith({
      'printing.reprint': () => job(`j${++runs}`),
      'printing.testPrinter': () => job(`t${++runs}`),
    }, packer);
    await dispatcher.dispatch({ method: 'printing.reprint', input: { id: 'j0' }, idempotencyKey: 'k' }, 'websocket');
    expect(await dispatcher.dispatch({ method: 'printing.testPrinter', input: { id: 'spool' }, idempotencyKey: 'k' }, 'websocket')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'idempotencyKey' }] },
    });
    expect(await dispatcher.dispatch({ method: 'printing.reprint', input: { id: 'j9' }, idempotencyKey: 'k' }, 'websocket')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(runs).toBe(1);
  });

  it('runs queries every time (their key is ignored) and refuses keys longer than 64 characters', async () => {
    let runs = 0;
    const { dispatcher } = await dispatcherWith({ 'settings.get': () => (runs++, { ...settings }) });
    await dispatcher.dispatch({ method: 'settings.get', input: {}, idempotencyKey: 'q' }, 'websocket');
    await dispatcher.dispatch({ method: 'settings.get', input: {}, idempotencyKey: 'q' }, 'websocket');
    expect(runs).toBe(2);
    expect(await dispatcher.dispatch({ method: 'settings.get', input: {}, idempotencyKey: 'x'.repeat(65) }, 'websocket')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Malformed request' },
    });
  });

  it('forgets a key after 24 hours and prunes the old rows', async () => {
    let runs = 0;
    const clock = { t: 1_700_000_000_000 };
    const { dispatcher, db } = await dispatcherWith({ 'printing.reprint': () => job(`j${++runs}`) }, packer, clock);
    const call = { method: 'printing.reprint', input: { id: 'j0' }, idempotencyKey: 'k-old' };
    await dispatcher.dispatch(call, 'websocket');
    clock.t += 24 * 60 * 60 * 1000 - 1;
    await dispatcher.dispatch(call, 'websocket');
    expect(runs).toBe(1);
    clock.t += 2;
    expect(await dispatcher.dispatch(call, 'websocket')).toMatchObject({ ok: true, value: { id: 'j2' } });
    clock.t += 2 * 60 * 60 * 1000;
    await dispatcher.dispatch({ ...call, idempotencyKey: 'k-new' }, 'websocket');
    const keys = (db.raw.prepare(`SELECT key FROM rpc_idempotency ORDER BY key`).all() as { key: string }[]).map((r) => r.key);
    expect(keys).toEqual(['k-new', 'k-old']);
    clock.t += 24 * 60 * 60 * 1000 + 1;
    await dispatcher.dispatch({ ...call, idempotencyKey: 'k-newest' }, 'websocket');
    expect((db.raw.prepare(`SELECT key FROM rpc_idempotency`).all() as { key: string }[]).map((r) => r.key)).toEqual(['k-newest']);
  });

  it('records a result without its own fsync and leaves the store\'s synchronous level as it was', async () => {
    const { dir, cleanup } = tempDir();
    const db = await openDatabase({ file: `${dir}/dockside.sqlite` });
    try {
      db.raw.pragma('synchronous = FULL');
      const seen: number[] = [];
      const store = new IdempotencyStore(db, () => 1);
      const prepare = db.prepare.bind(db);
      db.prepare = (sql) => (sql.startsWith('INSERT INTO rpc_idempotency') && seen.push(db.raw.pragma('synchronous', { simple: true }) as number), prepare(sql));
      store.put('k', { method: 'printing.reprint', inputHash: 'h', result: { ok: true, value: 1 } });
      expect(seen).toEqual([1]);
      expect(db.raw.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.get('k')).toEqual({ method: 'printing.reprint', inputHash: 'h', result: { ok: true, value: 1 } });
    } finally {
      db.close();
      cleanup();
    }
  });

  it('answers INTERNAL, without running the write, when the key store cannot be read', async () => {
    let runs = 0;
    const { dispatcher, db, logger } = await dispatcherWith({ 'printing.reprint': () => job(`j${++runs}`) }, packer);
    db.close();
    expect(await dispatcher.dispatch({ method: 'printing.reprint', input: { id: 'j0' }, idempotencyKey: 'k' }, 'websocket')).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(runs).toBe(0);
    expect(logger.lines.join()).toContain('rpc idempotency lookup failed');
  });
});
