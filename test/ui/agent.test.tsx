// The Calls screen's agent status bar and queue view on the real core, whose UCS connection points
// at the in-process simulator over real HTTP (users, teams, queues and memberships from a real
// pull). The agent links themselves to their UCS user, goes ready and AUX with a team reason from
// the keyboard, sees a ringing call arrive in their queue without touching anything, pauses a
// queue (the simulator's membership changes), and is told why not when the station is offline.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoRemotes } from '../../src-main/host/demo';
import { startSim, type RunningSim } from '../../src-main/sim/server';
import type { AgentTransition } from '../../src-preload/contract';
import { call, ucsToken, type Json } from '../sim/helpers';
import { click, renderApp } from './renderApp';
import { startCore, USERS } from './realCore';

vi.setConfig({ testTimeout: 60_000 });

let sim: RunningSim;
beforeEach(async () => {
  sim = await startSim({ port: 0, seed: 42 });
  // Core runs in this DOM test's process: let its connectors reach the simulator's loopback port.
  (window as unknown as { happyDOM: { settings: { fetch: { disableSameOriginPolicy: boolean } } } }).happyDOM.settings.fetch.disableSameOriginPolicy = true;
});
afterEach(async () => {
  await sim.close();
});

/** Tomáš Dvořák: UCS user 21, team 8 (Tým Objednávky), queues 74, 146, 75, 103. */
const TOMAS = 21;

async function simMembership(userId: number): Promise<Json[]> {
  const token = await ucsToken(sim);
  const r = await call(`${sim.urls.ucs}/api/v1.0/queues/agents`, { headers: { authorization: `Bearer ${token}` } });
  return (r.json.data as Json[]).find((a) => a.id === userId).queues;
}

async function openCalls() {
  const ui = await startCore({ signedInPin: USERS.agent.pin });
  await ui.core.connections.save({ remote: 'ucs', ...demoRemotes(sim).ucs }, null);
  await ui.core.sync.syncNow('ucs');
  const app = await renderApp({ core: ui });
  await click(screen.getByTestId('nav-calls'));
  return { ui, app };
}

describe('agent status bar and queue view', () => {
  it('link to the UCS agent, ready and AUX from the keyboard, a ringing call shows up live, pause and resume, offline says why', async () => {
    const { ui, app } = await openCalls();
    const bar = await screen.findByTestId('agent-status-bar');
    await waitFor(() => expect(within(bar).getByTestId('agent-status').dataset.status).toBe('offline'));
    expect(screen.getByTestId('queues-not-linked')).toBeTruthy();

    // "Adam Dvořák" has no namesake in UCS: nothing is preselected, the agent chooses.
    const select = await within(bar).findByTestId<HTMLSelectElement>('agent-link-select');
    await waitFor(() => expect(select.options.length).toBeGreaterThan(5));
    expect(select.value).toBe('');
    fireEvent.change(select, { target: { value: String(TOMAS) } });
    await click(within(bar).getByTestId('agent-link-save'));
    await waitFor(() => expect(within(bar).getByTestId('agent-linked').textContent).toBe('In UCS: Tomáš Dvořák · Tým Objednávky'));

    // The queue view: the agent's four queues, read live from UCS.
    const table = await screen.findByTestId('queue-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.dataset.testid)).toEqual(['queue-74', 'queue-146', 'queue-75', 'queue-103']);
    expect(screen.getByTestId('queues-freshness').dataset.source).toBe('live');
    expect(within(screen.getByTestId('queue-74')).getByRole('rowheader').textContent).toContain('Objednávky CZ');

    // Keyboard: R = ready; A opens the team's reasons, arrows move, Enter picks.
    act(() => within(bar).getByTestId('agent-ready').focus());
    app.key('r');
    await waitFor(() => expect(within(bar).getByTestId('agent-status').dataset.status).toBe('ready'));
    app.key('a');
    const menu = await within(bar).findByTestId('agent-aux-menu');
    expect(within(menu).getAllByRole('menuitemradio').map((b) => b.textContent)).toEqual(['Přestávka · break', 'Porada', 'Školení']);
    app.key('ArrowDown');
    app.key('Enter');
    await waitFor(() => expect(within(bar).getByTestId('agent-status').textContent).toBe('Not available — Porada'));
    const history = await ui.api.call('agent.history', { limit: 5 });
    expect(history.map((h: AgentTransition) => [h.to, h.auxReason, h.cause])).toEqual([
      ['aux', 'Porada', 'agent'],
      ['ready', null, 'agent'],
    ]);

    // A call rings in queue 74: the open view shows it on its next read, untouched.
    await call(`${sim.urls.control}/calls`, { method: 'POST', json: { number: '+420601000111', queue: 74 } });
    await waitFor(() => expect(screen.getByTestId('queue-74-waiting').textContent).toBe('1'), { timeout: 8_000 });

    // Pause queue 75 in UCS, then resume it; offline in between is refused with the reason.
    await click(screen.getByTestId('queue-75-toggle'));
    await waitFor(() => expect(screen.getByTestId('queue-75').dataset.paused).toBe('true'));
    expect((await simMembership(TOMAS)).find((m) => m.id === 75).suspended).toBe(true);
    ui.connectivity.set(false);
    await click(screen.getByTestId('queue-75-toggle'));
    await waitFor(() => expect(screen.getByTestId('queue-75-error').textContent).toBe('Reklamace: You are offline: a queue can be paused or resumed only while UCS answers.'));
    expect(screen.getByTestId('queue-75').dataset.paused).toBe('true');
    expect((await simMembership(TOMAS)).find((m) => m.id === 75).suspended).toBe(true);
    ui.connectivity.set(true);
    await click(screen.getByTestId('queue-75-toggle'));
    await waitFor(() => expect(screen.getByTestId('queue-75').dataset.paused).toBe('false'));
    expect((await simMembership(TOMAS)).find((m) => m.id === 75).suspended).toBe(false);
  });

  it('missed offers count on the bar and put a ready agent in AUX; after-call work shows and Ready finishes it', async () => {
    const { ui } = await openCalls();
    await ui.api.call('agent.link', { ucsUserId: TOMAS });
    await ui.api.call('agent.setStatus', { status: 'ready' });
    const bar = await screen.findByTestId('agent-status-bar');
    await waitFor(() => expect(within(bar).getByTestId('agent-status').dataset.status).toBe('ready'));
    act(() => void ui.core.agent.missedOffer());
    await waitFor(() => expect(within(bar).getByTestId('agent-missed').textContent).toBe('Missed calls in a row: 1 of 3'));
    act(() => void ui.core.agent.missedOffer());
    act(() => void ui.core.agent.missedOffer());
    await waitFor(() => expect(within(bar).getByTestId('agent-status').dataset.status).toBe('aux'));
    expect(bar.textContent).toContain('calls missed in a row');

    await ui.api.call('agent.setStatus', { status: 'ready' });
    act(() => void ui.core.agent.enterAfterCallWork('call-9'));
    await waitFor(() => expect(within(bar).getByTestId('agent-status').dataset.status).toBe('after_call_work'));
    expect(within(bar).getByTestId('agent-ready').textContent).toContain('Finish wrap-up');
    await click(within(bar).getByTestId('agent-ready'));
    await waitFor(() => expect(within(bar).getByTestId('agent-status').dataset.status).toBe('ready'));
  });
});
