// Operator CLI: npm run print-test -- --printer tcp://HOST:PORT|dir:PATH [--template test|shipping|sscc]
//   [--dpi 203|300] [--timeout MS] [--no-status]
// Queries the printer's status, sends a label, reports status and bytes sent. Exit 0 on success,
// 1 with a one-line reason on failure, 2 on bad arguments. --no-status never sends ~HS (for
// ZPL-compatible printers that do not answer it): the label goes out once the printer connects.
import { hostname } from 'node:os';
import { createPrinter } from '../drivers/registry';
import type { PrinterStatus } from '../drivers/types';
import { layoutFor } from '../templates';
import { renderZpl } from '../render/zpl';
import type { TemplateRequest } from '../schemas';

interface Args {
  printer: string;
  template: 'test' | 'shipping' | 'sscc';
  dpi: 203 | 300;
  timeout: number;
  noStatus: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`--${name}=`));
    return eq?.slice(name.length + 3);
  };
  const printer = get('printer');
  if (!printer) throw new Error('missing --printer tcp://HOST:PORT or dir:PATH');
  const template = (get('template') ?? 'test') as Args['template'];
  if (!['test', 'shipping', 'sscc'].includes(template)) throw new Error(`unknown --template ${template}`);
  const dpi = Number(get('dpi') ?? 203);
  if (dpi !== 203 && dpi !== 300) throw new Error('--dpi must be 203 or 300');
  const timeout = Number(get('timeout') ?? 3000);
  if (!Number.isFinite(timeout) || timeout < 100) throw new Error('--timeout must be at least 100 ms');
  return { printer, template, dpi, timeout, noStatus: argv.includes('--no-status') };
}

const address = { name: 'Dockside test', lines: ['Zkušební 1'], postalCode: '602 00', city: 'Brno', country: 'CZ' };

function request(a: Args): TemplateRequest {
  const printedAt = new Date().toISOString().slice(0, 16).replace('T', ' ');
  switch (a.template) {
    case 'shipping':
      return {
        template: 'shipping',
        data: { dpi: a.dpi, orderNumber: 'TEST-0001', parcel: { index: 1, count: 1 }, weightKg: 1.25, carrier: 'TEST', method: 'Zkušební tisk', trackingNumber: 'TEST0000000001', shipFrom: address, shipTo: { ...address, name: 'Příjemce Žluťoučký' } },
      };
    case 'sscc':
      return { template: 'sscc', data: { dpi: a.dpi, size: '4x6in', sscc: '000000000000000000', shipFrom: address, shipTo: address, count: 1 } };
    default:
      return { template: 'test', data: { dpi: a.dpi, printerName: a.printer, stationId: hostname(), printedAt } };
  }
}

// Codes as they are (this is a technician's tool), with the driver's own words when it has any.
const why = (codes: readonly string[], detail?: string): string => `${codes.join(', ')}${detail ? ` (${detail})` : ''}`;
const describe = (s: PrinterStatus): string =>
  s.ready ? (s.reasons.includes('no_status') ? 'reachable, status not queried (--no-status)' : 'ready') : `not ready: ${why(s.reasons, s.detail)}`;

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`print-test: ${(e as Error).message}`);
    return 2;
  }
  let printer;
  try {
    printer = createPrinter(args.printer, {}, { connectTimeoutMs: args.timeout, ioTimeoutMs: args.timeout, skipStatus: args.noStatus });
  } catch (e) {
    console.error(`print-test: ${(e as Error).message}`);
    return 2;
  }
  const before = await printer.status();
  console.log(`status before: ${describe(before)}`);
  if (!before.ready) {
    console.error(`print-test: FAILED — ${why(before.reasons, before.detail)}`);
    return 1;
  }
  const zpl = Buffer.from(renderZpl(layoutFor(request(args))), 'utf8');
  const id = `print-test-${Date.now()}`;
  const started = performance.now();
  const result = await printer.print({ id, format: 'zpl', bytes: zpl, title: 'print-test' });
  const ms = performance.now() - started;
  if (!result.ok) {
    console.error(`print-test: FAILED — ${why([result.code], result.detail)}`);
    return 1;
  }
  console.log(`sent ${result.bytes} bytes (${args.template} label, ${args.dpi} dpi) to ${args.printer} in ${ms.toFixed(1)} ms — ${result.state}${result.code || result.detail ? ` (${why(result.code ? [result.code] : [], result.detail)})` : ''}`);
  const after = await printer.status();
  console.log(`status after: ${describe(after)}`);
  return 0;
}

process.exitCode = await main();
