// Screenshots for a person to look at (not a test): the guided Pick screen before and after
// another station's pick arrives through a pull, and the Pack screen's undo and per-parcel weight.
//   npm run build && npx tsx test/e2e/liveShots.ts [OUT_DIR]
import path from 'node:path';
import type { Page } from 'playwright-core';
import { AfostoClient } from '../../src-main/core/connectors/afosto/client';
import { demoRemotes } from '../../src-main/host/demo';
import { startWebHost } from '../../src-main/host/server';
import { startSim } from '../../src-main/sim/server';
import { createTestCore } from '../helpers/core';
import { addShipment, MUG, TEA } from '../unit/packing/fixture';
import { launchChromium } from './chromium';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.resolve(process.argv[2] ?? '/tmp/live-shots');

/** A keyboard-wedge scanner: trusted key events 3 ms apart (as test/e2e/shell.test.ts). */
async function scan(page: Page, code: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  let t = Date.now() / 1000;
  for (const ch of code) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, timestamp: t });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, timestamp: t });
    t += 0.003;
  }
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', timestamp: t });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, timestamp: t });
  await cdp.detach();
  await page.waitForTimeout(120);
}

async function main() {
  const sim = await startSim({ port: 0, seed: 42 });
  const t = await createTestCore({ demo: true });
  const core = t.core;
  await core.connections.save({ remote: 'afosto', ...demoRemotes(sim).afosto }, null);
  await core.sync.syncNow('afosto');
  const host = await startWebHost({ dispatcher: core.dispatcher, events: core.events, logger: t.logger, rendererDir: path.join(root, 'out', 'renderer'), port: 0 });
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  const shot = async (name: string) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `${name}.png`) });
    console.log('wrote', name);
  };
  try {
    await page.goto(host.url);
    await page.getByTestId('signin-pin').fill('1111');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('nav-pick').click();
    await page.getByTestId('pick-list-row').first().waitFor();
    // a list whose first open line has two units, and another open line
    const list = core.picking.list({ state: 'active', assignee: 'any', due: 'any', text: '', limit: 200 }).lists.find((l) => {
      const open = core.picking.open(l.id).lines.filter((x) => x.remaining > 0);
      return open.length >= 2 && open[0]!.remaining >= 2 && open[0]!.position !== null;
    })!;
    await scan(page, list.number);
    await page.getByTestId('pick-current').waitFor();
    const [first, other] = core.picking.open(list.id).lines.filter((l) => l.remaining > 0);
    const code = (sku: string) => (core.db.prepare(`SELECT b.code FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE p.sku = ? ORDER BY b.kind = 'ean13' DESC LIMIT 1`).get(sku) as { code: string } | undefined)?.code ?? sku;
    await scan(page, first!.position!);
    await scan(page, code(first!.sku));
    await page.getByTestId('pick-count').fill('1');
    await shot('1-pick-before-other-station');
    const units = (core.db.prepare(`SELECT remote_id AS u FROM pick_list_items WHERE pick_list_id = ? AND product_id = (SELECT product_id FROM pick_list_items WHERE id = ?) AND position_id IS (SELECT position_id FROM pick_list_items WHERE id = ?)`).all(list.id, other!.id, other!.id) as { u: string }[]).map((x) => x.u);
    const remoteList = (core.db.prepare('SELECT remote_id AS r FROM pick_lists WHERE id = ?').get(list.id) as { r: string }).r;
    const station2 = new AfostoClient({ baseUrl: sim.urls.afosto, clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret });
    await station2.updatePickItems(remoteList, units.map((id) => ({ id, is_handled: true })));
    await core.sync.syncNow('afosto');
    await shot('2-pick-after-pull-same-place');

    // Pack: undo and weighing the first parcel while the second is current
    addShipment(core, 'ORD-7007', [
      [MUG, 2],
      [TEA, 1],
    ]);
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-pack').click();
    await page.getByTestId('screen-pack').waitFor();
    await scan(page, 'ORD-7007');
    await scan(page, 'BOX:S');
    await scan(page, MUG.ean);
    await scan(page, 'BOX:M');
    await scan(page, MUG.ean);
    await scan(page, TEA.ean);
    await scan(page, 'CMD:UNDO');
    await shot('3-pack-undone');
    await page.getByTestId('pack-weigh').first().click();
    await page.getByTestId('pack-weight').fill('740');
    await page.getByTestId('pack-weight-save').click();
    await shot('4-pack-first-parcel-weighed');
  } finally {
    await browser.close();
    await host.close();
    await t.dispose();
    await sim.close();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
