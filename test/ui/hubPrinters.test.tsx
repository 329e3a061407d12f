// Settings → Printers → Add printer, kind "Afosto print hub", against the real core with Afosto
// configured on the in-process simulator over real HTTP: the real connector pulls the hubs and
// their printers (only those two resources, to keep the test quick), the form offers them (non-ZPL
// ones disabled with the reason, an offline hub marked), a supervisor adds one and its card
// appears, Edit shows it selected. Without Afosto the form says where hub printers come from. A
// packer may not ask for the list.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afostoSync } from '../../src-main/core/connectors/afosto/sync';
import { startSim, type RunningSim } from '../../src-main/sim/server';
import { RpcError } from '../../src-renderer/src/api/client';
import { encodingText } from '../../src-renderer/src/features/printing/HubPrinterField';
import { click, renderApp } from './renderApp';
import { startCore, USERS, type UiCore } from './realCore';

let sim: RunningSim | undefined;
beforeEach(() => {
  // Core runs in this DOM test's process, so its connectors use happy-dom's fetch: let it reach the
  // simulator's loopback port as Node's fetch would.
  (window as unknown as { happyDOM: { settings: { fetch: { disableSameOriginPolicy: boolean } } } }).happyDOM.settings.fetch.disableSameOriginPolicy = true;
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** A bench with Afosto configured on the simulator and its hubs pulled; the office hub went offline. */
async function benchWithHubs(): Promise<UiCore> {
  sim = await startSim({ port: 0, seed: 42 });
  const c = sim.credentials.afosto;
  const ui = await startCore({
    signedInPin: USERS.supervisor.pin,
    sync: {
      factories: {
        afosto: (deps) => {
          const s = afostoSync(deps);
          return { ...s, resources: s.resources.filter((r) => r.resource === 'printers' || r.resource === 'hubs') };
        },
      },
    },
    coreOptions: { remotes: { afosto: { baseUrl: sim.urls.afosto, settings: {}, secrets: { clientId: c.client_id, clientSecret: c.client_secret } } } },
  });
  await ui.core.sync.syncNow('afosto');
  // The simulator's hubs are all online: record the office hub as a pull that found it offline would.
  ui.core.db
    .prepare(`UPDATE remote_records SET data = json_set(data, '$.status', 'offline') WHERE remote = 'afosto' AND resource = 'hubs' AND json_extract(data, '$.name') = 'Hub kancelář'`)
    .run();
  return ui;
}

async function openPrinters(ui: UiCore) {
  const app = await renderApp({ core: ui });
  await click(screen.getByTestId('nav-settings'));
  await click(screen.getByTestId('settings-tab-printers'));
  await screen.findAllByTestId('printer-card');
  return app;
}

async function change(el: HTMLElement, value: string) {
  await act(async () => {
    fireEvent.change(el, { target: { value } });
  });
}

const options = () => screen.getAllByTestId('printer-form-hub-option') as HTMLOptionElement[];
const cardOf = (id: string) => screen.getAllByTestId('printer-card').find((c) => c.dataset.printerId === id);

describe('Afosto print hub printers', () => {
  it('a supervisor picks a pulled hub printer (non-ZPL ones disabled, offline hub marked); it appears in the cards and Edit shows it selected', async () => {
    const ui = await benchWithHubs();
    const choices = await ui.api.call('printing.hubPrinters', {});
    expect(choices).toHaveLength(4);
    const { bridge } = await openPrinters(ui);

    await click(screen.getByTestId('printer-add'));
    await change(screen.getByTestId('printer-form-type'), 'afosto');
    // ZPL is the only format a hub printer takes: no format to choose
    expect(screen.queryByTestId('printer-form-format-pdf')).toBeNull();
    await waitFor(() => expect(options()).toHaveLength(4));
    const byUri = new Map(options().map((o) => [o.value, o]));
    for (const c of choices) {
      const o = byUri.get(c.uri)!;
      expect(o.textContent).toContain(`${c.name} · ${encodingText(c.encoding)}`);
      expect(o.disabled).toBe(!c.printable);
      expect(o.textContent?.includes('takes ZPL only')).toBe(!c.printable);
    }
    const laser = choices.find((c) => c.encoding === 'pcl')!;
    expect(laser.hubOnline).toBe(false);
    expect(byUri.get(choices.find((c) => c.encoding === 'escpos')!.uri)!.textContent).toContain('· ESC/POS (takes ZPL only)');
    expect(byUri.get(laser.uri)!.textContent).toBe(`${laser.name} · PCL (takes ZPL only, hub offline)`);
    expect(choices.filter((c) => c.hubOnline !== false).every((c) => !byUri.get(c.uri)!.textContent?.includes('hub offline'))).toBe(true);

    // nothing chosen yet: the form says so and sends nothing
    await click(screen.getByTestId('printer-form-submit'));
    expect(screen.getByText('Choose a hub printer.')).toBeTruthy();
    expect(bridge.callsOf('printing.savePrinter')).toEqual([]);

    const zebra = choices.find((c) => c.printable && c.name.endsWith('balení 2'))!;
    await change(screen.getByTestId('printer-form-hub'), zebra.uri);
    expect((screen.getByTestId('printer-form-name') as HTMLInputElement).value).toBe(zebra.name);
    await click(screen.getByTestId('printer-form-submit'));
    await waitFor(() => expect(screen.queryByTestId('printer-form')).toBeNull());
    expect(bridge.callsOf('printing.savePrinter')).toEqual([{ name: zebra.name, uri: zebra.uri, options: { dpi: 203, labelSize: '4x6in', formats: ['zpl'] } }]);

    const saved = (await ui.api.call('printing.listPrinters', {})).printers.find((p) => p.uri === zebra.uri)!;
    expect(saved.kind).toBe('afosto');
    await waitFor(() => expect(cardOf(saved.id)).toBeDefined());
    const card = cardOf(saved.id)!;
    expect(card.textContent).toContain(zebra.name);
    expect(card.textContent).toContain('Afosto hub');
    expect(within(card).getByTestId('printer-address').textContent).toBe(`${zebra.hubId}/${zebra.printerId}`);
    // the hub answers its status through the simulator
    await waitFor(() => expect(within(card).getByTestId('printer-status').dataset.state).toBe('ready'));

    await click(within(card).getByTestId('printer-edit'));
    expect((screen.getByTestId('printer-form-type') as HTMLSelectElement).value).toBe('afosto');
    await waitFor(() => expect(options()).toHaveLength(4));
    expect((screen.getByTestId('printer-form-hub') as HTMLSelectElement).value).toBe(zebra.uri);
    expect((screen.getByTestId('printer-form-name') as HTMLInputElement).value).toBe(zebra.name);
  });

  it('without Afosto the list is empty and the form says where hub printers come from', async () => {
    const ui = await startCore({ signedInPin: USERS.supervisor.pin });
    const { bridge } = await openPrinters(ui);
    await click(screen.getByTestId('printer-add'));
    await change(screen.getByTestId('printer-form-type'), 'afosto');
    await waitFor(() => expect(screen.getByTestId('printer-form-hub-hint').textContent).toBe('Pulls from Afosto bring its print hubs here; none yet.'));
    expect(screen.queryAllByTestId('printer-form-hub-option')).toEqual([]);
    expect((screen.getByTestId('printer-form-hub') as HTMLSelectElement).disabled).toBe(true);
    expect(bridge.callsOf('printing.hubPrinters')).toHaveLength(1);
  });

  it('a packer may not ask for the hub printers', async () => {
    const ui = await startCore({ signedInPin: USERS.packer.pin });
    const err = await ui.api.call('printing.hubPrinters', {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe('FORBIDDEN');
  });
});
