// Minimal benchmark harness: warm up, time N runs with performance.now(), report percentiles.
// Every *.bench.ts module exports `default async function (h: Harness)`; run.ts prints one table.

export interface BenchResult {
  name: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  opsPerSec: number;
  /** Name of the result this one is compared with, and p50 ratio to it. */
  baseline?: string;
  ratio?: number;
}

export interface BenchOptions {
  n?: number;
  warmup?: number;
  baseline?: string;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** A single measured figure checked against a goal (throughput, a longest stall, a total time). */
export interface Measure {
  name: string;
  value: number;
  unit: string;
  /** The goal, as the issue states it: value must be at least (`min`) or at most (`max`) this. */
  goal?: { min?: number; max?: number };
}

const meets = (m: Measure): boolean =>
  !m.goal || ((m.goal.min === undefined || m.value >= m.goal.min) && (m.goal.max === undefined || m.value <= m.goal.max));

export class Harness {
  readonly results: BenchResult[] = [];
  readonly measures: Measure[] = [];

  /** Records one figure (e.g. records/s of a pull); printed in a second table with its goal. */
  measure(m: Measure): Measure {
    this.measures.push(m);
    return m;
  }

  constructor(private readonly defaults: { n: number; warmup: number } = { n: 100, warmup: 10 }) {}

  async run(name: string, fn: () => unknown, opts: BenchOptions = {}): Promise<BenchResult> {
    const n = opts.n ?? this.defaults.n;
    const warmup = opts.warmup ?? this.defaults.warmup;
    for (let i = 0; i < warmup; i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    return this.record(name, samples, opts);
  }

  /** Records samples timed elsewhere (e.g. inside a browser page) as one row of the table. */
  record(name: string, timed: readonly number[], opts: Pick<BenchOptions, 'baseline'> = {}): BenchResult {
    const samples = [...timed].sort((a, b) => a - b);
    const n = samples.length;
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const result: BenchResult = {
      name,
      n,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      p99: percentile(samples, 99),
      max: samples[samples.length - 1] as number,
      mean,
      opsPerSec: 1000 / mean,
    };
    const base = opts.baseline ? this.results.find((r) => r.name === opts.baseline) : undefined;
    if (base) {
      result.baseline = base.name;
      result.ratio = result.p50 / base.p50;
    }
    this.results.push(result);
    return result;
  }

  table(): string {
    const head = ['benchmark', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'ops/s', 'vs baseline'];
    const rows = this.results.map((r) => [
      r.name,
      String(r.n),
      r.p50.toFixed(2),
      r.p95.toFixed(2),
      r.p99.toFixed(2),
      r.max.toFixed(2),
      r.opsPerSec.toFixed(1),
      r.ratio !== undefined ? `${r.ratio.toFixed(1)}× ${r.baseline}` : '',
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 7 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    const timings = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
    return this.measures.length === 0 ? timings : `${timings}\n\n${this.measureTable()}`;
  }

  private measureTable(): string {
    const head = ['measure', 'value', 'unit', 'goal', 'met'];
    const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));
    const rows = this.measures.map((m) => [
      m.name,
      fmt(m.value),
      m.unit,
      m.goal ? [m.goal.min !== undefined ? `≥ ${fmt(m.goal.min)}` : '', m.goal.max !== undefined ? `≤ ${fmt(m.goal.max)}` : ''].filter(Boolean).join(' ') : '',
      m.goal ? (meets(m) ? 'yes' : 'NO') : '',
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
    return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
  }
}
