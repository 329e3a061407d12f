// Child process for the crash test: performs domain writes with their outbox rows as fast as it
// can and reports progress on stdout, until the parent kills it with SIGKILL.
import { openDatabase } from '../../../src-main/core/db/database';
import { systemClock } from '../../../src-main/core/platform/ports';
import { Outbox } from '../../../src-main/core/sync/outbox';

const file = process.argv[2]!;
const db = await openDatabase({ file });
const outbox = new Outbox(db, systemClock);
const insertOrder = db.prepare(`INSERT INTO orders (id, number, status, updated_at) VALUES (?, ?, 'open', ?)`);
const insertLine = db.prepare(`INSERT INTO order_lines (id, order_id, line_no, sku, name, quantity) VALUES (?, ?, ?, ?, ?, ?)`);
const start = Number(process.argv[3] ?? 0);
for (let i = start; ; i++) {
  const id = `order-${i}`;
  outbox.transact((enqueue) => {
    insertOrder.run(id, `N-${i}`, Date.now());
    // Several statements per write so a kill can land between them.
    for (let l = 1; l <= 3; l++) insertLine.run(`${id}-l${l}`, id, l, `SKU-${l}`, 'Příliš žluťoučký kůň', l);
    enqueue({ remote: 'afosto', entity: 'order', entityId: id, operation: 'create', payload: { number: `N-${i}`, lines: 3 } });
    enqueue({ remote: 'homs', entity: 'order', entityId: id, operation: 'create', payload: { ext_code: `N-${i}` } });
  });
  if (i % 50 === 0) process.stdout.write(`${i}\n`);
}
