import fs from 'node:fs';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryLogger } from '../../../src-main/core/log/logger';
import { createOsPrintPort, printWindowOptions, toPrinterList } from '../../../src-main/electron/osPrint';
import { fake, FakeBrowserWindow, resetFake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n% packing slip\n%%EOF\n'));

beforeEach(() => resetFake());

describe('os print port', () => {
  test('prints through a hidden sandboxed window without preload, then removes window and temp file', async () => {
    const port = createOsPrintPort({ logger: memoryLogger(), settleMs: 0 });
    await port.printPdf(PDF, { printerName: 'HP_Office', silent: true });
    const [win] = FakeBrowserWindow.instances;
    expect(win?.options).toEqual(printWindowOptions());
    expect(printWindowOptions()).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(printWindowOptions().webPreferences).not.toHaveProperty('preload');
    // The window loaded exactly our bytes from a file, and was told where to print.
    expect(win?.loads[0]?.kind).toBe('file');
    expect(new Uint8Array(win!.loadedBytes!)).toEqual(PDF);
    expect(win?.webContents.printCalls).toEqual([{ options: { silent: true, printBackground: true, deviceName: 'HP_Office' } }]);
    expect(win?.destroyed).toBe(true);
    expect(fs.existsSync(win!.loads[0]!.target)).toBe(false);
  });

  test('without a printer name the OS default is used (no deviceName sent)', async () => {
    await createOsPrintPort({ logger: memoryLogger(), settleMs: 0 }).printPdf(PDF, { silent: false });
    expect(FakeBrowserWindow.instances[0]?.webContents.printCalls[0]?.options).toEqual({ silent: false, printBackground: true });
  });

  test('a failed print rejects with the reason and still cleans up', async () => {
    const port = createOsPrintPort({ logger: memoryLogger(), settleMs: 0 });
    const orig = fake.BrowserWindow.prototype.loadFile;
    vi.spyOn(fake.BrowserWindow.prototype, 'loadFile').mockImplementation(async function (this: FakeBrowserWindow, f: string) {
      this.webContents.printResult = { success: false, failureReason: 'Printer is offline' };
      return orig.call(this, f);
    });
    await expect(port.printPdf(PDF, { silent: true })).rejects.toThrow('Printer is offline');
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.destroyed).toBe(true);
    expect(fs.existsSync(win.loads[0]!.target)).toBe(false);
    vi.restoreAllMocks();
  });

  test('lists printers from an existing window, dropping entries without a usable name', async () => {
    const main = new FakeBrowserWindow({});
    main.webContents.printers = [
      { name: 'Zebra_ZD421', displayName: 'Zebra', description: '', options: {} },
      { name: 'HP_Office', isDefault: true, displayName: 'HP', description: '', options: {} },
      { displayName: 'no name' },
      { name: '' },
    ];
    const port = createOsPrintPort({ logger: memoryLogger(), anyWebContents: () => main.webContents as never });
    expect(await port.listPrinters()).toEqual([
      { name: 'Zebra_ZD421', isDefault: false },
      { name: 'HP_Office', isDefault: true },
    ]);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  test('with no window open, a temporary hidden one is used and destroyed', async () => {
    const port = createOsPrintPort({ logger: memoryLogger() });
    expect(await port.listPrinters()).toEqual([]);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(FakeBrowserWindow.instances[0]?.destroyed).toBe(true);
  });

  test('toPrinterList tolerates anything', () => {
    expect(toPrinterList(null)).toEqual([]);
    expect(toPrinterList('x')).toEqual([]);
  });
});
