// The Sync screen against the real core: ops seeded through the outbox and refused by a fake push
// handler (the remote's validation message), per-remote counts, and a supervisor's retry, edit
// (JSON, checked by the operation's schema) and discard with confirmation; Sync now; read-only for others.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RemoteError } from '../../src-main/core/connectors/shared/errors';
import type { PushOp } from '../../src-main/core/sync/push';
import { click, renderApp } from './renderApp';
import { USERS, type UiCore } from './realCore';

const deadRows = () => screen.queryAllByTestId('sync-dead-row');
const row = (entityId: string) => {
  const el = deadRows().find((r) => r.textContent?.includes(entityId));
  if (!el) throw new Error(`no dead row for ${entityId}`);
  return el;
};
const remoteRow = (remote: string) => screen.getAllByTestId('sync-remote').find((r) => r.dataset.remote === remote) as HTMLElement;

/** HOMS refuses every create unless told to accept it; UCS has no handler (its ops wait). */
async function seed(ui: UiCore) {
  const outbox = ui.core.outbox;
  const accepted: unknown[] = [];
  const accept = new Set<string>();
  outbox.registerPush(
    'homs',
    'create',
    async (op: PushOp<{ ext_code: string }>) => {
      if (!accept.has(op.entityId) && op.payload.ext_code !== 'FIXED-1') {
        throw new RemoteError({ remote: 'homs', kind: 'validation', status: 422, message: 'create order', remoteMessage: `ext_code ${op.payload.ext_code} is already used` });
      }
      accepted.push(op.payload);
    },
    z.object({ ext_code: z.string().min(3) }).passthrough(),
  );
  outbox.transact((enqueue) => {
    for (const id of ['r1', 'r2', 'r3']) enqueue({ remote: 'homs', entity: 'order', entityId: id, operation: 'create', payload: { ext_code: `DS-${id}` } });
    enqueue({ remote: 'ucs', entity: 'person', entityId: 'p1', operation: 'create', payload: {} });
  });
  await waitFor(() => expect(outbox.counts().dead).toBe(3));
  return { accepted, accept };
}

describe('Sync screen', () => {
  it('lists refused ops with the remote message; a supervisor retries, edits and discards them', async () => {
    const app = await renderApp({ signedInPin: USERS.supervisor.pin });
    const { accepted, accept } = await seed(app.core);
    await click(screen.getByTestId('nav-sync'));
    await waitFor(() => expect(deadRows()).toHaveLength(3));
    expect(screen.queryByTestId('coming-soon')).toBeNull();
    expect(within(remoteRow('homs')).getByTestId('sync-remote-dead').textContent).toBe('3');
    expect(within(remoteRow('ucs')).getByTestId('sync-remote-pending').textContent).toBe('1');
    expect(within(row('r1')).getByTestId('sync-dead-message').textContent).toBe('ext_code DS-r1 is already used');
    expect(within(row('r1')).getByTestId('sync-dead-code').textContent).toBe('validation');

    // Retry: the remote accepts it now.
    accept.add('r1');
    await click(within(row('r1')).getByTestId('sync-retry'));
    await waitFor(() => expect(deadRows()).toHaveLength(2));
    expect(accepted).toEqual([{ ext_code: 'DS-r1' }]);

    // Edit: not JSON, then refused by the operation's schema, then fixed.
    await click(within(row('r2')).getByTestId('sync-edit'));
    const textarea = within(row('r2')).getByTestId('sync-edit-payload') as HTMLTextAreaElement;
    expect(JSON.parse(textarea.value)).toEqual({ ext_code: 'DS-r2' });
    fireEvent.change(textarea, { target: { value: '{ nope' } });
    await click(within(row('r2')).getByTestId('sync-edit-save'));
    expect(within(row('r2')).getByTestId('sync-edit-error').textContent).toBe('This is not valid JSON.');
    fireEvent.change(textarea, { target: { value: '{"ext_code": "x"}' } });
    await click(within(row('r2')).getByTestId('sync-edit-save'));
    await waitFor(() => expect(within(row('r2')).getByTestId('sync-edit-error').textContent).toMatch(/./));
    expect(app.core.core.outbox.list({ status: 'dead', limit: 10 })).toHaveLength(2);
    fireEvent.change(textarea, { target: { value: '{"ext_code": "FIXED-1"}' } });
    await click(within(row('r2')).getByTestId('sync-edit-save'));
    await waitFor(() => expect(deadRows()).toHaveLength(1));
    expect(accepted).toEqual([{ ext_code: 'DS-r1' }, { ext_code: 'FIXED-1' }]);

    // Discard: only after the confirmation; the row is kept as discarded.
    await click(within(row('r3')).getByTestId('sync-discard'));
    await click(within(row('r3')).getByTestId('sync-discard-cancel'));
    expect(deadRows()).toHaveLength(1);
    await click(within(row('r3')).getByTestId('sync-discard'));
    await click(within(row('r3')).getByTestId('sync-discard-confirm'));
    await waitFor(() => expect(deadRows()).toHaveLength(0));
    expect(screen.getByText('Nothing was refused. Every change was accepted or is on its way.')).toBeTruthy();
    expect(app.core.core.db.raw.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE status = 'discarded'`).get()).toEqual({ n: 1 });
    await waitFor(() => expect(within(remoteRow('homs')).getByTestId('sync-remote-dead').textContent).toBe('0'));
    expect(screen.getByTestId('sync-dead').textContent).toBe('0');

    await click(screen.getByTestId('sync-now'));
    expect(app.bridge.callsOf('sync.now')).toHaveLength(1);
    await act(async () => app.core.core.jobs.idle());
  });

  it('a packer sees the refused ops but cannot change them', async () => {
    const app = await renderApp({ signedInPin: USERS.packer.pin });
    await seed(app.core);
    await click(screen.getByTestId('nav-sync'));
    await waitFor(() => expect(deadRows()).toHaveLength(3));
    expect(screen.queryAllByTestId('sync-retry')).toHaveLength(0);
    expect(screen.queryAllByTestId('sync-discard')).toHaveLength(0);
    // but may look at what was sent
    await click(within(row('r2')).getByTestId('sync-inspect'));
    expect(JSON.parse(within(row('r2')).getByTestId('sync-dead-payload').textContent!)).toEqual({ ext_code: 'DS-r2' });
    await click(within(row('r2')).getByTestId('sync-inspect'));
    expect(within(row('r2')).queryByTestId('sync-dead-payload')).toBeNull();
    // and core refuses it too, whatever a window sends
    const [dead] = app.core.core.outbox.list({ status: 'dead', limit: 1 });
    for (const m of ['sync.retry', 'sync.discard'] as const) await expect(app.api.call(m, { id: dead!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(app.api.call('sync.edit', { id: dead!.id, payload: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(app.core.core.outbox.counts().dead).toBe(3);
  });

  it('sync.changed carries the per-remote counts after a change commits', async () => {
    const app = await renderApp({ signedInPin: USERS.supervisor.pin });
    const seen: unknown[] = [];
    const off = app.api.on('sync.changed', (p) => seen.push(p));
    await seed(app.core);
    await waitFor(() => expect(seen.at(-1)).toEqual({ remotes: expect.arrayContaining([{ remote: 'homs', pending: 0, dead: 3 }, { remote: 'ucs', pending: 1, dead: 0 }]) }));
    off();
  });
});
