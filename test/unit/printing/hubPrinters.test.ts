// printing.hubPrinters through the whole core (createCore, the app's own wiring) over real HTTP
// against the simulator: empty before Afosto is pulled; after "sync now" the simulator's hub
// printers, each as an afosto:HUB/PRINTER URI a supervisor saves as a printer; only ZPL ones
// printable; empty again once the Afosto connection is removed; a packer may not ask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/app';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { memorySettingsStore } from '../../../src-main/core/settings/memoryStore';
import type { RunningSim } from '../../../src-main/sim/server';
import type { HubPrinterChoiceInfo, PrinterInfo } from '../../../src-preload/contract';
import { memorySecrets, switchableConnectivity } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { withSim, type Json } from '../../sim/helpers';

let sim: RunningSim;
let core: Core;
let cleanup: () => void;
let bridge: ReturnType<typeof inProcessBridge>;

async function rpc<T>(method: string, input: unknown = {}): Promise<T> {
  const r = await bridge.invoke(method, input);
  if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.code}`), { code: r.error.code });
  return r.value as T;
}

beforeAll(async () => {
  sim = await withSim();
  let dir: string;
  ({ dir, cleanup } = tempDir('dockside-hub-printers-'));
  core = await createCore({
    dataDir: dir,
    settings: memorySettingsStore(),
    secrets: memorySecrets(),
    connectivity: switchableConnectivity(true),
    logger: memoryLogger('warn'),
    version: '0.0.0-test',
    platform: 'test',
    remotes: { afosto: { baseUrl: sim.urls.afosto, settings: {}, secrets: { clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret } } },
    sync: { autoStart: false, deltaIntervalMs: 10 * 60_000, sweepIntervalMs: 10 * 60_000 },
  });
  bridge = inProcessBridge(core.dispatcher, core.events);
  await rpc('station.setup', { stationName: 'Bench', name: 'Jana', pin: '999999' });
  await rpc('station.createUser', { name: 'Petra', role: 'packer', pin: '1111' });
  await rpc('station.signIn', { pin: '999999' });
}, 30_000);
afterAll(async () => {
  bridge.close();
  await core.close();
  await sim.close();
  cleanup();
});

describe('printing.hubPrinters', () => {
  it('is empty until Afosto is pulled, then lists the simulator’s hub printers as afosto:HUB/PRINTER choices', async () => {
    expect(await rpc('printing.hubPrinters')).toEqual([]);
    await core.sync.syncNow('afosto');

    const simPrinters = (sim.state.systems.afosto.snapshot() as Json).printers as Json[];
    expect(simPrinters.length).toBeGreaterThan(1);
    const choices = await rpc<HubPrinterChoiceInfo[]>('printing.hubPrinters');
    expect(choices.map((c) => c.printerId).sort()).toEqual(simPrinters.map((p) => p.id as string).sort());
    for (const p of simPrinters) {
      const c = choices.find((x) => x.printerId === p.id)!;
      expect(c).toMatchObject({ uri: `afosto:${p.hub_id}/${p.id}`, hubId: p.hub_id, encoding: p.default_encoding, printable: p.default_encoding === 'zpl', hubOnline: true });
      expect(c.name).toContain(p.name);
    }
    // the seed has ZPL label printers and others (ESC/POS, PCL) that cannot take Dockside's jobs
    expect(choices.some((c) => c.printable)).toBe(true);
    expect(choices.some((c) => !c.printable)).toBe(true);
    // the hub's name leads the choice's name
    expect(choices.find((c) => c.name.startsWith('Hub balení Praha / Zebra'))).toBeDefined();
  }, 60_000);

  it('a choice saves as an Afosto hub printer that takes ZPL', async () => {
    const choice = (await rpc<HubPrinterChoiceInfo[]>('printing.hubPrinters')).find((c) => c.printable)!;
    const saved = await rpc<PrinterInfo>('printing.savePrinter', { name: choice.name, uri: choice.uri });
    expect(saved).toMatchObject({ kind: 'afosto', uri: choice.uri, options: { formats: ['zpl'] } });
  });

  it('a packer may not list them', async () => {
    await rpc('station.signIn', { pin: '1111' });
    await expect(rpc('printing.hubPrinters')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await rpc('station.signIn', { pin: '999999' });
  });

  it('is empty once the Afosto connection is removed, although the pulled records stay', async () => {
    await core.connections.remove('afosto', null);
    expect(await rpc('printing.hubPrinters')).toEqual([]);
    const kept = core.db.prepare(`SELECT COUNT(*) AS n FROM remote_records WHERE remote = 'afosto' AND resource = 'printers'`).get() as { n: number };
    expect(kept.n).toBeGreaterThan(0);
  });
});
