// What the pick and pack end-to-end flows share: a demo bench (Afosto pulled from the in-process
// simulator, a label Zebra and the folder spool for slips, an MT-SICS scale on loopback, badges for
// the packer and the supervisor) arranged through the contract before the page opens; then the reads the tests assert
// on: the station's own SQLite file (read-only), its outbox, the simulator's Afosto state; and the
// numbered screenshots of each step.
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { FakeScale } from '../helpers/fakeScale';
import type { FlowStation } from './flowStation';
import { PIN, root } from './webMode';

/** Where the numbered screenshots go: DOCKSIDE_SHOTS_DIR, else test-results/shots/flows. */
export const SHOTS_DIR = process.env.DOCKSIDE_SHOTS_DIR ?? path.join(root, 'test-results', 'shots', 'flows');

export interface Bench {
  scale: FakeScale;
  packerBadge: string;
  supervisorBadge: string;
  labelPrinterId: string;
}

/** Waits until the Afosto pull has run once for every resource (the demo data is in the store). */
export async function afostoPulled(st: FlowStation): Promise<void> {
  await vi.waitFor(
    async () => {
      const a = (await st.api.call('sync.remotes', {})).remotes.find((r) => r.remote === 'afosto');
      expect(a?.pulling).toBe(false);
      for (const r of a?.resources ?? []) expect(r.lastSuccessAt, r.resource).not.toBeNull();
    },
    { timeout: 60_000, interval: 250 },
  );
}

/** The bench set up by a supervisor, then nobody signed in (the packer signs in with a badge scan). */
export async function arrangeBench(st: FlowStation): Promise<Bench> {
  await st.api.call('station.signIn', { pin: PIN.supervisor });
  await afostoPulled(st);
  const label = await st.api.call('printing.savePrinter', { name: 'Label Zebra', uri: st.labelPrinter.uri });
  await st.api.call('printing.assignPrinter', { role: 'label', printerId: label.id });
  // The packing slip is an A4 PDF: it goes to the station's folder spool (a Zebra takes ZPL only).
  await st.api.call('printing.assignPrinter', { role: 'slip', printerId: 'spool' });
  const scale = await FakeScale.start();
  await st.api.call('scale.configure', { kind: 'mt-sics', host: '127.0.0.1', port: scale.port });
  const { users } = await st.api.call('station.state', {});
  const badgeOf = async (role: string) => (await st.api.call('station.issueBadge', { userId: users.find((u) => u.role === role)!.id })).code;
  const bench = { scale, packerBadge: await badgeOf('packer'), supervisorBadge: await badgeOf('supervisor'), labelPrinterId: label.id };
  await st.api.call('station.signOut', {});
  return bench;
}

export interface OutboxOp {
  operation: string;
  entity: string;
  entityId: string;
  payload: unknown;
  status: string;
}

/** The Afosto operations in the station's outbox, in the order they were written. */
export function afostoOps(db: BetterSqlite3.Database): OutboxOp[] {
  return (db.prepare(`SELECT payload, status FROM jobs WHERE queue = 'push:afosto' ORDER BY seq`).all() as { payload: string; status: string }[]).map((r) => {
    const p = JSON.parse(r.payload) as { operation: string; entity: string; entityId: string; payload: unknown };
    return { operation: p.operation, entity: p.entity, entityId: p.entityId, payload: p.payload, status: r.status };
  });
}

/** Back online: "sync now", then wait until every Afosto op went and none died. */
export async function pushAll(st: FlowStation): Promise<void> {
  st.connectivity.set(true);
  await st.api.call('sync.now', {});
  await vi.waitFor(
    async () => {
      const a = (await st.api.call('sync.remotes', {})).remotes.find((r) => r.remote === 'afosto');
      expect(a).toMatchObject({ pending: 0, dead: 0 });
    },
    { timeout: 60_000, interval: 250 },
  );
}

type Json = Record<string, unknown>;
/** The simulator's Afosto state (GET /_sim/state/afosto): what the station's pushes changed. */
export async function simAfosto(st: FlowStation): Promise<{ lists: { updated: Json[] }; shipments: { updated: Json[] }; parcels: { created: Json[]; updated: Json[] } }> {
  const res = await fetch(`${st.sim!.urls.control}/state/afosto`);
  return (await res.json()) as never;
}

/** Numbered screenshots of one flow: <SHOTS_DIR>/<flow>-NN-<step>.png. */
export function shooter(flow: string): (page: Page, step: string) => Promise<string> {
  let n = 0;
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  for (const f of fs.readdirSync(SHOTS_DIR)) if (f.startsWith(`${flow}-`)) fs.rmSync(path.join(SHOTS_DIR, f));
  return async (page, step) => {
    const file = path.join(SHOTS_DIR, `${flow}-${String(++n).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path: file });
    return file;
  };
}

/** The ean13 of a product by SKU, from the station's store. */
export function barcodeOf(db: BetterSqlite3.Database, sku: string): string {
  const r = db.prepare(`SELECT b.code FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE p.sku = ? ORDER BY b.kind = 'ean13' DESC, b.code LIMIT 1`).get(sku) as { code: string } | undefined;
  if (!r) throw new Error(`no barcode for ${sku}`);
  return r.code;
}
