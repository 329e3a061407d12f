// Settings → Printers for real: built renderer in Chromium, web-mode core over WebSocket with its
// SQLite store and print queue, and a fake Zebra listening on a loopback TCP port that records the
// ZPL it receives and answers ~HS with the flags the test sets.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeZebra } from '../unit/printing/fakeZebra';
import { openDemoApp, type OpenApp } from './webMode';

let opened: OpenApp;
let page: Page;
let zebra: FakeZebra;
let zebraId = '';

beforeAll(async () => {
  zebra = await new FakeZebra().start();
  opened = await openDemoApp();
  page = opened.page;
});
afterAll(async () => {
  await opened?.close();
  await zebra?.stop();
});

const labelsReceived = () => (zebra.received().match(/\^XA[\s\S]*?\^XZ/g) ?? []).length;
const zebraCard = (): Locator => page.locator(`[data-testid="printer-card"][data-printer-id="${zebraId}"]`);
const toastTexts = () => page.getByTestId('toast').allTextContents();

describe('Settings → Printers in Chromium over web mode', () => {
  it('a supervisor opens Printers; the folder spool is there and ready', async () => {
    await expect.poll(() => page.getByTestId('signin-pin').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('signin-pin').fill('999999');
    await page.getByTestId('signin-submit').click();
    await expect.poll(() => page.getByTestId('header-user').textContent()).toContain('Jana Svobodová');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-printers').click();
    const spool = page.locator('[data-testid="printer-card"][data-printer-id="spool"]');
    await expect.poll(() => spool.getByTestId('printer-status').getAttribute('data-state')).toBe('ready');
    expect(await spool.getByTestId('printer-remove').count()).toBe(0);
  });

  it('adds a Network printer pointing at the fake Zebra, after a field error, and sees it ready', async () => {
    await page.getByTestId('printer-add').click();
    await page.getByTestId('printer-form-name').fill('Zebra e2e');
    await page.getByTestId('printer-form-submit').click();
    await expect.poll(() => page.getByTestId('printer-form').textContent()).toContain('Enter the printer’s host name or IP address.');
    await page.getByTestId('printer-form-host').fill('127.0.0.1');
    await page.getByTestId('printer-form-port').fill(String(zebra.port));
    await page.getByTestId('printer-form-submit').click();
    await expect.poll(() => page.getByTestId('printer-form').count()).toBe(0);
    const card = page.locator('[data-testid="printer-card"]', { hasText: 'Zebra e2e' });
    zebraId = (await card.getAttribute('data-printer-id')) ?? '';
    expect(zebraId).not.toBe('');
    expect(await card.getByTestId('printer-address').textContent()).toBe(`127.0.0.1:${zebra.port}`);
    await expect.poll(() => zebraCard().getByTestId('printer-status').getAttribute('data-state')).toBe('ready');
    expect(zebra.statusQueries).toBeGreaterThan(0);
  });

  it('prints a test label: the Zebra receives ^XA … ^XZ and the toast says it printed', async () => {
    await zebraCard().getByTestId('printer-test').click();
    await expect.poll(toastTexts).toContain('Test label printed on Zebra e2e.×');
    expect(labelsReceived()).toBe(1);
    expect(zebra.received()).toMatch(/\^XA[\s\S]*Zebra e2e[\s\S]*\^XZ/);
  });

  it('assigns it as this station’s label printer, with a preview Chromium can draw', async () => {
    await page.getByTestId('role-label').selectOption(zebraId);
    await expect.poll(() => zebraCard().getByTestId('printer-role-label').count()).toBe(1);
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

  it('the history shows the job; Reprint and Ctrl+Shift+P send it again', async () => {
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
    zebra.flags.paused = true;
    await zebraCard().getByTestId('printer-check').click();
    await expect.poll(() => zebraCard().getByTestId('printer-status').getAttribute('data-state')).toBe('paused');
    expect(await zebraCard().getByTestId('printer-status').textContent()).toBe('Paused');

    await zebraCard().getByTestId('printer-test').click();
    await expect.poll(async () => (await toastTexts()).join('\n')).toContain('Test label is waiting on Zebra e2e: paused.');
    const first = page.getByTestId('job-row').first();
    await expect.poll(() => first.getByTestId('job-status').textContent()).toBe('Waiting');
    expect(await first.getByTestId('job-error').textContent()).toBe('paused');
    expect(labelsReceived()).toBe(3);
  });

  it('has raised no page errors', () => {
    expect(opened.pageErrors).toEqual([]);
  });
});
