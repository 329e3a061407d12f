import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { createDispatcher, type CallerUser, type Handlers } from '../../../src-main/core/rpc/dispatcher';
import { AppError } from '../../../src-main/core/rpc/errors';

// Handlers for the methods these tests call; the rest are never reached.
function dispatcherWith(overrides: Partial<Handlers>, user: CallerUser | null = null) {
  const logger = memoryLogger();
  const handlers = new Proxy(overrides as Handlers, {
    get: (target, key: string) => (target as Record<string, unknown>)[key] ?? (() => { throw new Error(`unexpected ${key}`); }),
  });
  const dispatcher = createDispatcher({ handlers, logger, currentUser: () => user, newCorrelationId: () => 'ABCD-EFGH' });
  return { dispatcher, logger };
}

const settings = { language: 'en', theme: 'system', sounds: true, volume: 0.6, scannerMaxGapMs: 35, scannerMinLength: 4 } as const;

describe('dispatcher', () => {
  it('answers ok with the handler value parsed by the output schema', async () => {
    const { dispatcher } = dispatcherWith({ 'settings.get': () => ({ ...settings }) });
    expect(await dispatcher.dispatch({ method: 'settings.get', input: {} }, 'in-process')).toEqual({ ok: true, value: settings });
  });

  it('rejects a malformed envelope, an unknown method and invalid input with stable codes', async () => {
    const { dispatcher } = dispatcherWith({});
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
    const anon = dispatcherWith({ 'station.createUser': create });
    const input = { method: 'station.createUser', input: { name: 'Eva', role: 'packer', pin: '4444' } };
    expect(await anon.dispatcher.dispatch(input, 'ipc')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Sign in first' } });
    const packer = dispatcherWith({ 'station.createUser': create }, { id: 'p', role: 'packer' });
    expect(await packer.dispatcher.dispatch(input, 'ipc')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Your role may not do this' } });
    expect(ran).toBe(false);
    const boss = dispatcherWith({ 'station.createUser': create }, { id: 's', role: 'supervisor' });
    expect(await boss.dispatcher.dispatch(input, 'ipc')).toMatchObject({ ok: true });
    expect(ran).toBe(true);
  });

  it('passes AppErrors through with their code, message and details', async () => {
    const { dispatcher } = dispatcherWith({
      'station.signIn': () => {
        throw new AppError('CONFLICT', 'Another user already has this PIN', { field: 'pin' });
      },
    });
    expect(await dispatcher.dispatch({ method: 'station.signIn', input: { pin: '1234' } }, 'ipc')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Another user already has this PIN', details: { field: 'pin' } },
    });
  });

  it('hides internal errors behind a correlation id and logs the details in main', async () => {
    const { dispatcher, logger } = dispatcherWith({
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
    const { dispatcher, logger } = dispatcherWith({ 'settings.get': () => ({ language: 'klingon' }) as never });
    expect(await dispatcher.dispatch({ method: 'settings.get', input: {} }, 'ipc')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logger.lines.join()).toContain('violates the contract');
  });
});
