// Settings → Users → Print badge, against the real core (in-process transport, real SQLite, the
// folder spool printer): the printed label's barcode signs its user in; the old badge stops working.
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRINT_QUEUE } from '../../src-main/core/printing/domain';
import { inProcessBridge } from '../../src-main/core/rpc/inProcess';
import { createTestCore, type TestCore } from '../helpers/core';
import { click, renderApp, signInWithPad } from './renderApp';

let t: TestCore;
beforeEach(async () => {
  t = await createTestCore({ demo: true });
});
afterEach(() => t.dispose());

const spooledBadges = (): string[] => {
  const dir = path.join(t.dir, 'print-spool');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .flatMap((zpl) => /BADGE:[A-Z2-7]{26}/.exec(zpl)?.[0] ?? []);
};

describe('print badge (supervisor)', () => {
  it('prints a badge per user on the label printer; a new one replaces the old', async () => {
    await renderApp({ bridge: inProcessBridge(t.core.dispatcher, t.core.events) });
    await signInWithPad('999999');
    await screen.findByTestId('header-user');
    await click(screen.getByTestId('nav-settings'));
    await click(await screen.findByTestId('settings-tab-users'));
    const petraRow = () => screen.getAllByTestId('user-row').find((r) => r.textContent?.includes('Petra'))!;

    await click(within(petraRow()).getByTestId('user-print-badge'));
    await waitFor(() => expect(screen.getAllByTestId('toast').some((x) => x.textContent?.includes('Petra Nováková'))).toBe(true));
    await t.core.jobs.runQueue(PRINT_QUEUE);
    const [first] = spooledBadges();
    expect(first).toBeDefined();

    await click(within(petraRow()).getByTestId('user-print-badge'));
    await waitFor(() => expect(screen.getAllByTestId('toast').filter((x) => x.textContent?.includes('Petra Nováková'))).toHaveLength(2));
    await t.core.jobs.runQueue(PRINT_QUEUE);
    const second = spooledBadges().find((c) => c !== first);
    expect(second).toBeDefined();

    // A deactivated user gets no badge.
    const adamRow = () => screen.getAllByTestId('user-row').find((r) => r.textContent?.includes('Adam'))!;
    await click(within(adamRow()).getByTestId('user-deactivate'));
    await waitFor(() => expect((within(adamRow()).getByTestId('user-print-badge') as HTMLButtonElement).disabled).toBe(true));

    const signIn = (badge: string) => t.core.dispatcher.dispatch({ method: 'station.signIn', input: { badge } }, 'in-process');
    expect(await signIn(first!)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', details: { reason: 'wrong_badge' } } });
    expect(await signIn(second!)).toMatchObject({ ok: true, value: { currentUser: { name: 'Petra Nováková' } } });
  });
});
