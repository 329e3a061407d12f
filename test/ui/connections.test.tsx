// Settings → Connections against the real core and the in-process simulator over real HTTP: a
// supervisor fills Afosto's form, saves (the secret goes to the SecretStore, the form never shows
// it again), tests it (ok, in our words), sees a wrong secret refused as 'auth', edits the URL
// keeping the stored secret; a packer does not see the tab at all.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src-main/sim/server';
import { click, renderApp } from './renderApp';
import { startCore, USERS } from './realCore';

let sim: RunningSim;
beforeEach(async () => {
  sim = await startSim({ port: 0, seed: 42 });
  // Core runs in this DOM test's process, so its connectors use happy-dom's fetch: let it reach the
  // simulator's loopback port as Node's fetch would (no browser same-origin rule in core).
  (window as unknown as { happyDOM: { settings: { fetch: { disableSameOriginPolicy: boolean } } } }).happyDOM.settings.fetch.disableSameOriginPolicy = true;
});
afterEach(async () => {
  await sim.close();
});

const card = (remote: string) => {
  const el = screen.getAllByTestId('connection-card').find((c) => c.dataset.remote === remote);
  if (!el) throw new Error(`no card for ${remote}`);
  return el;
};

async function type(el: HTMLElement, value: string) {
  await act(async () => {
    fireEvent.change(el, { target: { value } });
  });
}

async function openConnections(pin: string) {
  const ui = await startCore({ signedInPin: pin });
  const app = await renderApp({ core: ui });
  await click(screen.getByTestId('nav-settings'));
  return { ui, app };
}

describe('Settings → Connections', () => {
  it('a supervisor fills Afosto’s form, saves it, tests it (ok), and a wrong secret is refused in our words', async () => {
    const { ui } = await openConnections(USERS.supervisor.pin);
    await click(screen.getByTestId('settings-tab-connections'));
    await waitFor(() => expect(screen.getAllByTestId('connection-card')).toHaveLength(5));
    const afosto = card('afosto');
    expect(afosto.dataset.configured).toBe('false');

    await click(within(afosto).getByTestId('connection-edit'));
    // Saving an empty form shows what is missing, under each field.
    await click(within(afosto).getByTestId('connection-save'));
    expect(within(afosto).getAllByText('Required').length).toBe(2);
    await type(within(afosto).getByTestId('connection-baseUrl'), sim.urls.afosto);
    await type(within(afosto).getByTestId('connection-clientId'), sim.credentials.afosto.client_id);
    await type(within(afosto).getByTestId('connection-clientSecret'), sim.credentials.afosto.client_secret);
    expect(within(afosto).getByTestId('connection-clientSecret').getAttribute('type')).toBe('password');
    await click(within(afosto).getByTestId('connection-save'));

    await waitFor(() => expect(card('afosto').dataset.configured).toBe('true'));
    expect(within(card('afosto')).getByTestId('connection-url').textContent).toBe(sim.urls.afosto);
    expect(within(card('afosto')).getByTestId('connection-secrets').textContent).toBe('Client ID, Client secret');
    expect(await ui.core.secrets.get('remote.afosto.clientSecret')).toBe(sim.credentials.afosto.client_secret);
    expect(document.body.textContent).not.toContain(sim.credentials.afosto.client_secret);

    await click(within(card('afosto')).getByTestId('connection-test'));
    await waitFor(() => expect(within(card('afosto')).getByTestId('connection-test-result').dataset.ok).toBe('true'));
    expect(within(card('afosto')).getByTestId('connection-test-result').textContent).toContain('Connected');

    // A wrong secret: refused, said in our words (the kind), the remote's own words only beneath.
    await click(within(card('afosto')).getByTestId('connection-edit'));
    expect(within(card('afosto')).getByTestId('connection-clientSecret')).toHaveProperty('value', '');
    expect(within(card('afosto')).getByTestId('connection-clientSecret').getAttribute('placeholder')).toBe('Stored — leave empty to keep');
    await type(within(card('afosto')).getByTestId('connection-clientSecret'), 'not-the-secret');
    await click(within(card('afosto')).getByTestId('connection-save'));
    await waitFor(() => expect(within(card('afosto')).queryByTestId('connection-form')).toBeNull());
    await click(within(card('afosto')).getByTestId('connection-test'));
    await waitFor(() => expect(within(card('afosto')).getByTestId('connection-test-result').dataset.kind).toBe('auth'));
    expect(within(card('afosto')).getByTestId('connection-test-result').textContent).toContain('The remote refused the credentials.');
  });

  it('editing only the URL keeps the stored secret; remove asks once more and turns it off', async () => {
    const { ui } = await openConnections(USERS.supervisor.pin);
    await ui.api.call('connections.save', { remote: 'ultracart', baseUrl: sim.urls.ultracart, secrets: { simpleKey: sim.credentials.ultracart.key } });
    await click(screen.getByTestId('settings-tab-connections'));
    await waitFor(() => expect(card('ultracart').dataset.configured).toBe('true'));
    await click(within(card('ultracart')).getByTestId('connection-edit'));
    await type(within(card('ultracart')).getByTestId('connection-baseUrl'), sim.urls.ultracart + '/');
    await click(within(card('ultracart')).getByTestId('connection-save'));
    await waitFor(() => expect(within(card('ultracart')).getByTestId('connection-url').textContent).toBe(sim.urls.ultracart + '/'));
    await click(within(card('ultracart')).getByTestId('connection-test'));
    await waitFor(() => expect(within(card('ultracart')).getByTestId('connection-test-result').dataset.ok).toBe('true'));

    await click(within(card('ultracart')).getByTestId('connection-remove'));
    await click(within(card('ultracart')).getByTestId('connection-remove-confirm'));
    await waitFor(() => expect(card('ultracart').dataset.configured).toBe('false'));
    expect(await ui.core.secrets.get('remote.ultracart.simpleKey')).toBeNull();
  });

  it('a packer does not see the Connections tab', async () => {
    await openConnections(USERS.packer.pin);
    await waitFor(() => expect(screen.getByTestId('settings-tab-general')).toBeTruthy());
    expect(screen.queryByTestId('settings-tab-connections')).toBeNull();
    expect(screen.queryByTestId('connections-settings')).toBeNull();
  });
});
