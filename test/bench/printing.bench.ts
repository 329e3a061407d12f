// Printing benchmarks: ZPL and PDF rendering, and "close → bytes at the printer" (render + job row
// in SQLite + its job-queue row + delivered over TCP to a fake Zebra that answers ~HS, confirmed by a second ~HS).
import fs from 'node:fs';
import path from 'node:path';
import type { Harness } from './harness';
import { layoutFor } from '../../src-main/core/printing/templates';
import { renderZpl } from '../../src-main/core/printing/render/zpl';
import { renderPdf } from '../../src-main/core/printing/render/pdf';
import { renderSvg } from '../../src-main/core/printing/render/svg';
import { JobQueue } from '../../src-main/core/jobs/queue';
import { createPrinting } from '../../src-main/core/printing/service';
import { FakeZebra } from '../unit/printing/fakeZebra';
import { samples } from '../unit/printing/fixtures';
import { openTestDb, tempDir } from '../unit/printing/helpers';

export default async function printing(h: Harness): Promise<void> {
  const shipping = samples.shipping!;
  await h.run('zpl: shipping label 203 dpi (layout + render)', () => renderZpl(layoutFor(shipping)), { n: 300, warmup: 30 });
  await h.run('zpl: SSCC label', () => renderZpl(layoutFor(samples.sscc!)), { n: 300, warmup: 30 });
  await h.run('svg: shipping label preview', () => renderSvg(layoutFor(shipping)), { n: 300, warmup: 30, baseline: 'zpl: shipping label 203 dpi (layout + render)' });
  await h.run('pdf: shipping label', () => renderPdf(layoutFor(shipping)), { n: 60, warmup: 5, baseline: 'zpl: shipping label 203 dpi (layout + render)' });
  await h.run('pdf: packing slip, 40 items, 3 pages', () => renderPdf(layoutFor(samples['packing-slip']!)), { n: 20, warmup: 3 });

  const zebra = await new FakeZebra().start();
  const dir = tempDir('dockside-bench-');
  const db = await openTestDb(path.join(dir, 'dockside.sqlite'));
  try {
    const clock = { now: () => Date.now() };
    const jobs = new JobQueue({ db, clock });
    const { printers, print } = createPrinting({ db, jobs, events: { emit: () => undefined }, stationId: 'bench', spoolDir: path.join(dir, 'spool'), clock });
    printers.save({ id: 'zebra', name: 'fake zebra', uri: zebra.uri, options: {} });
    printers.assign({ stationId: 'bench', role: 'label', printerId: 'zebra' });
    await h.run(
      'close → bytes at printer (render + SQLite + TCP + 2×~HS)',
      async () => {
        zebra.clear();
        const job = await print.print({ request: shipping });
        const r = await print.run();
        if (r.done !== 1) throw new Error(`job ${job.id} not printed: ${JSON.stringify(r)}`);
      },
      { n: 100, warmup: 10 },
    );
  } finally {
    db.close();
    await zebra.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
