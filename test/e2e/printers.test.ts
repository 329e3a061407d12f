// Settings → Printers for real: built renderer in Chromium, web-mode core over WebSocket with its
// SQLite store and print queue, and a fake Zebra listening on a loopback TCP port that records the
// ZPL it receives and answers ~HS with the flags the test sets. Every test starts from a fresh demo
// station and a fresh Zebra; what a test needs beforehand is arranged through the contract.
import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeZebra } from '../unit/printing/fakeZebra';
import { demoAppPerTest, PIN, signIn } from './webMode';

const app = demoAppPerTest();
let zebra: FakeZebra;
beforeEach(async () => {
  zebra = await new FakeZebra().start();
});
afterEach(() => zebra?.stop());

const labelsReceived = () => (zebra.received().match(/\^XA[\s\S]*?\^XZ/g) ?? []).length;
const toastTexts = (page: Page) => page.getByTestId('toast').allTextContents();
const card = (page: Page, id: string): Locator => page.locator(`[data-testid="printer-card"][data-printer-id="${id}"]`);

/** The supervisor signed in with the fake Zebra saved as a printer (and, if asked, assigned to labels). */
async function arrangeZebra(opts: { assign?: boolean } = {}): Promise<string> {
  const { api } = app();
  await api.call('station.signIn', { pin: PIN.supervisor });
  const printer = await api.call('printing.savePrinter', { name: 'Zebra e2e', uri: zebra.uri });
  if (opts.assign) await api.call('printing.assignPrinter', { role: 'label', printerId: printer.id });
  return printer.id;
}

/** Opens the app on Settings → Printers (someone is signed in already). */
async function openPrinters(): Promise<Page> {
  const { page, open } = app();
  await open();
  await page.getByTestId('nav-settings').click({ timeout: 15_000 });
  await page.getByTestId('settings-tab-printers').click();
  return page;
}

describe('Settings → Printers in Chromium over web mode', () => {
  it('a supervisor opens Printers; the folder spool is there and ready', async () => {
    const { page, open } = app();
    await open();
    await expect.poll(() => page.getByTestId('signin-pin').isVisible(), { timeout: 15_000 }).toBe(true);
    await signIn(page, PIN.supervisor);
    await expect.poll(() => page.getByTestId('header-user').textContent()).toContain('Jana Svobodová');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-printers').click();
    const spool = card(page, 'spool');
    await expect.poll(() => spool.getByTestId('printer-status').getAttribute('data-state')).toBe('ready');
    expect(await spool.getByTestId('printer-remove').count()).toBe(0);
  });

  it('adds a Network printer pointing at the fake Zebra, after a field error, and sees it ready', async () => {
    await app().api.call('station.signIn', { pin: PIN.supervisor });
    const page = await openPrinters();
    await page.getByTestId('printer-add').click();
    await page.getByTestId('printer-form-name').fill('Zebra e2e');
    await page.getByTestId('printer-form-submit').click();
    await expect.poll(() => page.getByTestId('printer-form').textContent()).toContain('Enter the printer’s host name or IP address.');
    await page.getByTestId('printer-form-host').fill('127.0.0.1');
    await page.getByTestId('printer-form-port').fill(String(zebra.port));
    await page.getByTestId('printer-form-submit').click();
    await expect.poll(() => page.getByTestId('printer-form').count()).toBe(0);
    const added = page.locator('[data-testid="printer-card"]', { hasText: 'Zebra e2e' });
    const id = (await added.getAttribute('data-printer-id')) ?? '';
    expect(id).not.toBe('');
    expect(await added.getByTestId('printer-address').textContent()).toBe(`127.0.0.1:${zebra.port}`);
    await expect.poll(() => card(page, id).getByTestId('printer-status').getAttribute('data-state')).toBe('ready');
    expect(zebra.statusQueries).toBeGreaterThan(0);
    const { printers } = await app().api.call('printing.listPrinters', {});
    expect(printers.map((p) => p.uri)).toContain(zebra.uri); // saved in the store, not only on screen
  });

  it('prints a test label: the Zebra receives ^XA … ^XZ and the toast says it printed', async () => {
    const id = await arrangeZebra();
    const page = await openPrinters();
    await card(page, id).getByTestId('printer-test').click();
    await expect.poll(() => toastTexts(page)).toContain('Test label printed on Zebra e2e.×');
    expect(labelsReceived()).toBe(1);
    expect(zebra.received()).toMatch(/\^XA[\s\S]*Zebra e2e[\s\S]*\^XZ/);
  });

  it('assigns it as this station’s label printer, with a preview Chromium can draw', async () => {
    const id = await arrangeZebra();
    const page = await openPrinters();
    await page.getByTestId('role-label').selectOption(id);
    await expect.poll(() => card(page, id).getByTestId('printer-role-label').count()).toBe(1);
    expect((await app().api.call('printing.listPrinters', {})).roles.label).toBe(id);
    const img = page.getByTestId('label-preview');
    await expect.poll(() => img.getAttribute('alt')).toBe('Test label as printed on Zebra e2e');
    expect(await img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    // The SVG from main decodes as an image (a broken one has naturalWidth 0).
    const drawnWidth = () =>
      img.evaluate((el) => {
        const image = el as unknown as { complete: boolean; naturalWidth: number }; // no DOM lib in the Node project
        return image.complete ? image.naturalWidth : 0;
      });
    await expect.poll(drawnWidth).toBeGreaterThan(100);
    expect(await page.locator('[data-testid="station-printers"] svg').count()).toBe(0);
  });

  it('the history shows a printed job; Reprint and Ctrl+Shift+P send it again', async () => {
    const id = await arrangeZebra({ assign: true });
    const printed = await app().api.call('printing.testPrinter', { id });
    expect(printed.status).toBe('done');
    expect(labelsReceived()).toBe(1);
    const page = await openPrinters();
    const rows = page.getByTestId('job-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Test label');
    expect(await rows.first().textContent()).toContain('Zebra e2e');
    expect(await rows.first().getByTestId('job-status').textContent()).toBe('Printed');

    await rows.first().getByTestId('job-reprint').click();
    await expect.poll(labelsReceived).toBe(2);
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.first().getByTestId('job-status').textContent()).toBe('Printed');
    expect(await rows.first().textContent()).toContain('reprint');

    await page.getByTestId('nav-pack').click(); // the shortcut works from any screen
    await page.keyboard.press('Control+Shift+P');
    await expect.poll(labelsReceived).toBe(3);
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('job-row').count()).toBe(3);
  });

  it('pausing the Zebra shows Paused on Check; a test print then waits with the reason', async () => {
    const id = await arrangeZebra();
    const page = await openPrinters();
    const zebraCard = card(page, id);
    await expect.poll(() => zebraCard.getByTestId('printer-status').getAttribute('data-state')).toBe('ready');
    zebra.flags.paused = true;
    await zebraCard.getByTestId('printer-check').click();
    await expect.poll(() => zebraCard.getByTestId('printer-status').getAttribute('data-state')).toBe('paused');
    expect(await zebraCard.getByTestId('printer-status').textContent()).toBe('Paused');

    await zebraCard.getByTestId('printer-test').click();
    await expect.poll(async () => (await toastTexts(page)).join('\n')).toContain('Test label is waiting on Zebra e2e: paused.');
    const first = page.getByTestId('job-row').first();
    await expect.poll(() => first.getByTestId('job-status').textContent()).toBe('Waiting');
    expect(await first.getByTestId('job-error').textContent()).toBe('paused');
    expect(labelsReceived()).toBe(0);
  });
});
