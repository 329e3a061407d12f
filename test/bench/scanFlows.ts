// The scan flows the scan bench times: how to open a target (a shipment to pack, a pick list to
// pick) in the core and on screen, which code to scan next, and which element shows the line that
// scan changes. The service side calls the contract through the core's dispatcher, as the renderer's
// transport does, without a transport in between.
import type { Core } from '../../src-main/core/app';
import { classify } from '../../src-preload/scanning';
import type { Scanner } from '../e2e/scanner';
import type { FlowStation } from '../e2e/flowStation';
import type { BenchLine, SeedManifest } from './seedWarehouse';

export interface ServiceRun {
  /** One scan through the core; rejects if the core refused it. */
  scan(code: string): Promise<void>;
  /** The codes to scan, in order (each one accepted). */
  codes: string[];
}

export interface ScreenRun {
  codes: string[];
  /** CSS selector of the element that shows the line `code` changes. */
  watch(code: string): string;
}

export interface ScanFlow {
  name: string;
  /** What one scan does, for the table. */
  what: string;
  service?: (core: Core, m: SeedManifest, slot: number) => Promise<ServiceRun>;
  screen?: (st: FlowStation, scanner: Scanner, m: SeedManifest, slot: number) => Promise<ScreenRun>;
}

/** Untyped on purpose: the bench names methods by string, as the wire does. */
export async function call(core: Core, method: string, input: unknown): Promise<unknown> {
  const reply = (await core.dispatcher.dispatch({ method, input } as never, 'in-process')) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.code} ${reply.error?.message}`);
  return reply.value;
}

/** Every unit of the lines, one line after another round-robin: each scan changes a line's count. */
export function unitCodes(lines: readonly BenchLine[]): string[] {
  const out: string[] = [];
  const left = lines.map((l) => l.quantity);
  for (let round = 0; left.some((n) => n > 0); round++) {
    lines.forEach((l, i) => {
      if (left[i]! > 0) {
        out.push(l.barcode);
        left[i]!--;
      }
    });
  }
  return out;
}

/** The app is up and someone is signed in: scans are taken from here on. */
export async function appReady(st: FlowStation): Promise<void> {
  await waitFor('the signed-in shell', () => st.page.getByTestId('header-user').isVisible(), 30_000);
}

const waitFor = async (what: string, fn: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * Baseline: the scan reaches the screen at all (the shell's scan list on the Pick screen). It shows
 * what input capture, React and a frame cost before any flow does its work.
 */
export const echoFlow: ScanFlow = {
  name: 'echo',
  what: 'scan shown in the scan list (no core call)',
  async screen(st, scanner) {
    await appReady(st);
    await scanner.scan('CMD:PICK');
    await waitFor('the Pick screen', () => st.page.getByTestId('screen-pick').isVisible());
    const codes = Array.from({ length: 400 }, (_, i) => `BENCH${String(i).padStart(6, '0')}`);
    return { codes, watch: () => '[data-testid="scan-list"]' };
  },
};

/** The pick walk of a list: each line's position, then its product once per unit. */
export function walkCodes(lines: readonly BenchLine[]): string[] {
  return lines.flatMap((l) => [l.position, ...Array.from({ length: l.quantity }, () => l.barcode)]);
}

/** A scan the service answered with ok:false is a failed bench, not a fast one. */
function accepted(method: string, code: string, value: unknown): void {
  const r = value as { ok?: boolean; code?: string };
  if (r.ok !== true) throw new Error(`${method} ${code}: refused (${r.code})`);
}

/** Pack: a bench shipment opened, a parcel open; each scan verifies one unit into the parcel. */
export const packFlow: ScanFlow = {
  name: 'pack',
  what: 'item verified into the open parcel',
  async service(core, m, slot) {
    const target = m.shipments[slot % m.shipments.length]!;
    const shipment = (await call(core, 'packing.open', { code: target.orderNumber })) as { id: string };
    await call(core, 'packing.openParcel', { shipmentId: shipment.id });
    return {
      codes: unitCodes(target.lines),
      async scan(code) {
        accepted('packing.scan', code, await call(core, 'packing.scan', { code, shipmentId: shipment.id }));
      },
    };
  },
  async screen(st, scanner, m, slot) {
    const target = m.shipments[slot % m.shipments.length]!;
    await appReady(st);
    await scanner.scan('CMD:PACK');
    await waitFor('the Pack screen', () => st.page.getByTestId('screen-pack').isVisible());
    await scanner.scan(target.orderNumber);
    await waitFor('the shipment', async () => (await st.page.getByTestId('pack-line').count()) === target.lines.length);
    await scanner.scan('CMD:NEWPARCEL');
    await waitFor('an open parcel', async () => (await st.page.getByTestId('pack-parcel').count()) > 0);
    return { codes: unitCodes(target.lines), watch: (code) => `[data-testid="pack-line"][data-sku="${target.lines.find((l) => l.barcode === code)!.sku}"]` };
  },
};

/** Pick: a bench list opened; its walk scanned (position, then one scan per unit). */
export const pickFlow: ScanFlow = {
  name: 'pick',
  what: 'position confirmed or unit picked',
  async service(core, m, slot) {
    const target = m.pickLists[slot % m.pickLists.length]!;
    await call(core, 'picking.open', { listId: target.pickListId });
    return {
      codes: walkCodes(target.lines),
      async scan(code) {
        accepted('picking.scan', code, await call(core, 'picking.scan', { listId: target.pickListId, raw: code, kind: classify(code).kind }));
      },
    };
  },
  async screen(st, scanner, m, slot) {
    const target = m.pickLists[slot % m.pickLists.length]!;
    await appReady(st);
    await scanner.scan('CMD:PICK');
    await waitFor('the Pick screen', () => st.page.getByTestId('screen-pick').isVisible());
    await st.page.locator(`[data-testid="pick-list-row"][data-list-id="${target.pickListId}"]`).click();
    await waitFor('the walk', async () => (await st.page.getByTestId('pick-line').count()) > 0);
    const skuOf = new Map(target.lines.flatMap((l) => [[l.position, l.sku], [l.barcode, l.sku]] as const));
    return { codes: walkCodes(target.lines), watch: (code) => `[data-testid="pick-line"][data-sku="${skuOf.get(code)!}"]` };
  },
};

export const SCAN_FLOWS: ScanFlow[] = [echoFlow, packFlow, pickFlow];
