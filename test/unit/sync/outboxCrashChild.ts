// Child process for the crash test: performs domain writes with their outbox rows as fast as it
// can and reports each write's id on stdout ONLY after its transaction committed, until the
// parent kills it with SIGKILL. Run bundled (see outbox.test.ts) so a start costs ~50 ms.
//
// OUTBOX_CRASH_MUTATION is set only by the test that proves the checker catches broken code:
//   outside-tx            the order row is written in its own autocommit, outside the transaction
//   report-before-commit  the id is reported inside the transaction, before the commit
// Each mutation holds its faulty window open for a few ms so a kill lands in it reliably.
import fs from 'node:fs';
import { openDatabase } from '../../../src-main/core/db/database';
import { systemClock } from '../../../src-main/core/platform/ports';
import { Outbox } from '../../../src-main/core/sync/outbox';

const MUTATION_GAP_MS = 20;

async function main(): Promise<void> {
  const file = process.argv[2]!;
  const start = Number(process.argv[3] ?? 0);
  const mutation = process.env.OUTBOX_CRASH_MUTATION ?? '';
  const db = await openDatabase({ file });
  const outbox = new Outbox(db, systemClock);
  const insertOrder = db.prepare(`INSERT INTO orders (id, number, status, updated_at) VALUES (?, ?, 'open', ?)`);
  const insertLine = db.prepare(`INSERT INTO order_lines (id, order_id, line_no, sku, name, quantity) VALUES (?, ?, ?, ?, ?, ?)`);
  // writeSync: the line is in the pipe before the next statement runs (no buffered stdout).
  const report = (line: string) => fs.writeSync(1, `${line}\n`);
  const gap = () => {
    const until = performance.now() + MUTATION_GAP_MS;
    while (performance.now() < until);
  };
  report('ready');
  for (let i = start; ; i++) {
    const id = `order-${i}`;
    if (mutation === 'outside-tx') {
      insertOrder.run(id, `N-${i}`, Date.now());
      gap();
    }
    outbox.transact((enqueue) => {
      if (mutation !== 'outside-tx') insertOrder.run(id, `N-${i}`, Date.now());
      // Several statements per write so a kill can land between them.
      for (let l = 1; l <= 3; l++) insertLine.run(`${id}-l${l}`, id, l, `SKU-${l}`, 'Příliš žluťoučký kůň', l);
      enqueue({ remote: 'afosto', entity: 'order', entityId: id, operation: 'create', payload: { number: `N-${i}`, lines: 3 } });
      enqueue({ remote: 'homs', entity: 'order', entityId: id, operation: 'create', payload: { ext_code: `N-${i}` } });
      if (mutation === 'report-before-commit') {
        report(id);
        gap();
      }
    });
    if (mutation !== 'report-before-commit') report(id);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err));
  process.exit(1);
});
