// Foundation benchmarks: one contract call over each transport, and a business write with its
// outbox rows in one transaction (what every offline action of a packer or agent will cost).
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { inProcessBridge } from '../../src-main/core/rpc/inProcess';
import { startWebHost } from '../../src-main/host/server';
import { createWsBridge, type WsConstructor } from '../../src-renderer/src/api/wsBridge';
import { createTestCore } from '../helpers/core';
import type { Harness } from './harness';

export default async function foundation(h: Harness): Promise<void> {
  const t = await createTestCore({ demo: true });
  const host = await startWebHost({ dispatcher: t.core.dispatcher, events: t.core.events, logger: t.logger, rendererDir: path.join(t.dir, 'none'), port: 0 });
  const ws = createWsBridge(host.wsUrl, { WebSocket: WebSocket as unknown as WsConstructor });
  await ws.ready;
  const local = inProcessBridge(t.core.dispatcher, t.core.events);
  try {
    const inProc = 'rpc in-process: system.status';
    await h.run(inProc, () => local.invoke('system.status', {}), { n: 2000, warmup: 200 });
    await h.run('rpc websocket: system.status', () => ws.invoke('system.status', {}), { n: 2000, warmup: 200, baseline: inProc });
    await h.run('rpc websocket: station.state', () => ws.invoke('station.state', {}), { n: 1000, warmup: 100, baseline: inProc });
    // A write as the renderer sends it: a fresh idempotency key, so its result is also stored once.
    let k = 0;
    await h.run('rpc websocket: station.signOut (write, keyed)', () => ws.invoke('station.signOut', {}, { idempotencyKey: `bench-${k++}` }), {
      n: 1000,
      warmup: 100,
      baseline: inProc,
    });

    let i = 0;
    const insertOrder = t.core.db.prepare(`INSERT INTO orders (id, number, status, updated_at) VALUES (?, ?, 'open', ?)`);
    const insertLine = t.core.db.prepare(`INSERT INTO order_lines (id, order_id, line_no, sku, name, quantity) VALUES (?, ?, ?, ?, ?, ?)`);
    const write = () => {
      const id = `bench-${i++}`;
      t.core.outbox.transact((enqueue) => {
        insertOrder.run(id, id, Date.now());
        for (let l = 1; l <= 3; l++) insertLine.run(`${id}-l${l}`, id, l, `SKU-${l}`, 'Žluťoučký kůň', l);
        enqueue({ remote: 'afosto', entity: 'order', entityId: id, operation: 'update', payload: { lines: 3 } });
        enqueue({ remote: 'homs', entity: 'order', entityId: id, operation: 'update', payload: { state: 'in_progress' } });
      });
    };
    const full = 'write + 2 outbox rows in one transaction (WAL, synchronous=FULL)';
    await h.run(full, write, { n: 5000, warmup: 200 });
    // The same write with the old setting, measured in the same run (same disk, same load), so
    // the price of FULL is a like-for-like number (issue 7, point 13).
    t.core.db.raw.pragma('synchronous = NORMAL');
    try {
      await h.run('  same write, synchronous=NORMAL (before issue 7)', write, { n: 5000, warmup: 200, baseline: full });
    } finally {
      t.core.db.raw.pragma('synchronous = FULL');
    }
    // The disk's floor for any durable commit: what FULL adds to a write is about this.
    const fd = fs.openSync(path.join(t.dir, 'fsync.bin'), 'w');
    const page = Buffer.alloc(4096);
    try {
      await h.run('  fdatasync of 4 KiB on the same disk (the floor of a durable commit)', () => (fs.writeSync(fd, page), fs.fdatasyncSync(fd)), { n: 1000, warmup: 50 });
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    local.close();
    ws.close();
    await host.close();
    await t.dispose();
  }
}
