// The scan flows the scan bench times: how to open a target (a shipment to pack, a pick list to
// pick) in the core and on screen, which code to scan next, and which element shows the line that
// scan changes. The service side calls the contract through the core's dispatcher, as the renderer's
// transport does, without a transport in between.
import type { Core } from '../../src-main/core/app';
import { classify } from '../../src-preload/scanning';
import type { Scanner } from '../e2e/scanner';
import type { FlowStation } from '../e2e/flowStation';
import type { BenchLine, SeedManifest } from './seedWarehouse';

/**
 * A flow's targets, one after another: `next()` opens the next target (untimed) and answers the
 * codes to scan on it, each accepted and each changing one line; null when none is left.
 */
export interface ServiceRun {
  next(): Promise<string[] | null>;
  /** One scan through the core; rejects if the core refused it. */
  scan(code: string): Promise<void>;
}

export interface ScreenRun {
  next(): Promise<string[] | null>;
  /** CSS selector of the element that shows the line `code` changes. */
  watch(code: string): string;
}

export interface ScanFlow {
  name: string;
  /** What one scan does, for the table. */
  what: string;
  /** Services and screens take targets from different ends of the list, so none is used twice. */
  service?: (core: Core, m: SeedManifest) => ServiceRun;
  screen?: (st: FlowStation, scanner: Scanner, m: SeedManifest) => Promise<ScreenRun>;
}

/** Targets for the service (first half) or the screen (second half). */
function half<T>(xs: readonly T[], which: 'service' | 'screen'): T[] {
  const mid = Math.floor(xs.length / 2);
  return which === 'service' ? xs.slice(0, mid) : xs.slice(mid);
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
  while (left.some((n) => n > 0)) {
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

/** The pick walk of a list: each line's position, then its product once per unit. */
export function walkCodes(lines: readonly BenchLine[]): string[] {
  return lines.flatMap((l) => [l.position, ...Array.from({ length: l.quantity }, () => l.barcode)]);
}

/** A scan the service answered with ok:false is a failed bench, not a fast one. */
function accepted(method: string, code: string, value: unknown): void {
  const r = value as { ok?: boolean; code?: string };
  if (r.ok !== true) throw new Error(`${method} ${code}: refused (${r.code})`);
}

/** Pack: each bench shipment opened with a parcel open; each scan verifies one unit into the parcel. */
export const packFlow: ScanFlow = {
  name: 'pack',
  what: 'item verified into the open parcel',
  service(core, m) {
    const targets = half(m.shipments, 'service');
    let shipmentId = '';
    return {
      async next() {
        const target = targets.shift();
        if (!target) return null;
        shipmentId = ((await call(core, 'packing.open', { code: target.orderNumber })) as { id: string }).id;
        await call(core, 'packing.openParcel', { shipmentId });
        return unitCodes(target.lines);
      },
      async scan(code) {
        accepted('packing.scan', code, await call(core, 'packing.scan', { code, shipmentId }));
      },
    };
  },
  async screen(st, scanner, m) {
    const targets = half(m.shipments, 'screen');
    const skuOf = new Map(targets.flatMap((t) => t.lines.map((l) => [l.barcode, l.sku] as const)));
    await appReady(st);
    await scanner.scan('CMD:PACK');
    await waitFor('the Pack screen', () => st.page.getByTestId('screen-pack').isVisible());
    return {
      async next() {
        const target = targets.shift();
        if (!target) return null;
        await scanner.scan(target.orderNumber);
        await waitFor(`shipment ${target.orderNumber}`, async () => (await st.page.getByTestId('pack-order').textContent())?.includes(target.orderNumber) === true);
        await scanner.scan('CMD:NEWPARCEL');
        await waitFor('an open parcel', async () => (await st.page.locator('[data-testid="pack-parcel"][data-current="true"]').count()) === 1);
        return unitCodes(target.lines);
      },
      watch: (code) => `[data-testid="pack-line"][data-sku="${skuOf.get(code)!}"]`,
    };
  },
};

/** Pick: each bench list opened by scanning its number; its walk scanned (a position, then one scan per unit). */
export const pickFlow: ScanFlow = {
  name: 'pick',
  what: 'position confirmed or unit picked',
  service(core, m) {
    const targets = half(m.pickLists, 'service');
    let listId = '';
    return {
      async next() {
        const target = targets.shift();
        if (!target) return null;
        listId = target.pickListId;
        await call(core, 'picking.open', { listId });
        return walkCodes(target.lines);
      },
      async scan(code) {
        accepted('picking.scan', code, await call(core, 'picking.scan', { listId, raw: code, kind: classify(code).kind }));
      },
    };
  },
  async screen(st, scanner, m) {
    const targets = half(m.pickLists, 'screen');
    await appReady(st);
    await scanner.scan('CMD:PICK');
    await waitFor('the Pick screen', () => st.page.getByTestId('screen-pick').isVisible());
    let open = false;
    return {
      async next() {
        const target = targets.shift();
        if (!target) return null;
        if (open) {
          await scanner.scan('CMD:DONE'); // back to the lists
          await waitFor('the lists', () => st.page.getByTestId('pick-lists').isVisible());
        }
        await waitFor(`list ${target.number} listed`, async () => (await st.page.locator(`[data-testid="pick-list-row"][data-number="${target.number}"]`).count()) === 1);
        await scanner.scan(target.number);
        await waitFor('the walk', async () => (await st.page.getByTestId('pick-current').getAttribute('data-step').catch(() => null)) === 'position');
        open = true;
        return walkCodes(target.lines);
      },
      // A position scan changes no line, only what the walk expects: the answer in large type is
      // what every scan changes (it carries a new sequence number even when it repeats).
      watch: () => '[data-testid="pick-feedback"]',
    };
  },
};

export const SCAN_FLOWS: ScanFlow[] = [packFlow, pickFlow];
