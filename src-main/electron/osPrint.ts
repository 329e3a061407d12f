// OS printing for documents core renders as PDF (packing slips on an office printer). The PDF is
// written to a private temp directory, shown by Chromium's PDF viewer in a hidden sandboxed
// window and sent to the printer with webContents.print. Label printers that speak ZPL are driven
// by core's raw drivers instead; this is the path for everything the OS spooler handles.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { z } from 'zod';
import type { Logger } from '../core/log/logger';
import type { OsPrintPort } from '../core/platform/ports';

// Printer names come from the OS driver list: checked before they reach core.
const printerSchema = z.object({
  name: z.string().min(1),
  // Electron no longer reports the default printer; honoured only if a runtime still sends it.
  isDefault: z.boolean().optional(),
});

export function toPrinterList(raw: unknown): { name: string; isDefault: boolean }[] {
  if (!Array.isArray(raw)) return [];
  const out: { name: string; isDefault: boolean }[] = [];
  for (const item of raw) {
    const p = printerSchema.safeParse(item);
    if (p.success) out.push({ name: p.data.name, isDefault: p.data.isDefault ?? false });
  }
  return out;
}

export interface OsPrintOptions {
  logger: Logger;
  /** A webContents to ask for the printer list; a hidden window is made when none is given. */
  anyWebContents?: () => WebContents | null;
  /** The PDF viewer loads after did-finish-load; printing before it has drawn prints a blank page. */
  settleMs?: number;
  timeoutMs?: number;
}

/** The window that shows the PDF: no preload, sandboxed, plugins on for the PDF viewer only. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 800,
    height: 1100,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      plugins: true,
      spellcheck: false,
    },
  };
}

export function createOsPrintPort(opts: OsPrintOptions): OsPrintPort {
  const { logger } = opts;

  async function withHiddenWindow<T>(fn: (win: BrowserWindow) => Promise<T>): Promise<T> {
    const win = new BrowserWindow(printWindowOptions());
    try {
      return await fn(win);
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  }

  return {
    async listPrinters() {
      const wc = opts.anyWebContents?.() ?? null;
      if (wc && !wc.isDestroyed()) return toPrinterList(await wc.getPrintersAsync());
      return withHiddenWindow(async (win) => toPrinterList(await win.webContents.getPrintersAsync()));
    },

    async printPdf(pdf, printOpts) {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-print-'));
      const file = path.join(dir, 'document.pdf');
      try {
        await fs.writeFile(file, pdf, { mode: 0o600 });
        await withHiddenWindow(async (win) => {
          await win.loadFile(file);
          await delay(opts.settleMs ?? 750);
          await withTimeout(
            new Promise<void>((resolve, reject) => {
              win.webContents.print(
                {
                  silent: printOpts.silent,
                  printBackground: true,
                  ...(printOpts.printerName ? { deviceName: printOpts.printerName } : {}),
                },
                (success, failureReason) => {
                  if (success) resolve();
                  else reject(new Error(`Printing failed: ${failureReason || 'unknown reason'}`));
                },
              );
            }),
            opts.timeoutMs ?? 60_000,
          );
        });
        logger.info('os print sent', { printer: printOpts.printerName ?? '(default)', bytes: pdf.byteLength });
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Printing did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
