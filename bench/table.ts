/**
 * The common shape of a benchmark figure, and the helpers every bench file shares. A bench file
 * measures, then calls `emitRow()` once per figure; `bench/run.ts` runs every bench file as its own
 * process, collects the rows (each printed as one `BENCH_ROW {json}` line, so a bench file stays
 * runnable on its own and its human-readable output is untouched) and prints one table.
 */

/** One figure: a median (and p99 where it applies) beside its budget and a floor measured in the same run. */
export interface BenchRow {
  /** What was measured, e.g. "GET /sdk/me cached, SQLite". */
  figure: string;
  /** The unit of `median`, `p99`, `budget` and `baseline`: "ms", "req/s", "KB", "count"... */
  unit: string;
  median: number;
  p99?: number;
  /** The budget the figure is held to, in `unit`; `budgetIsFloor` when the figure must reach it (throughput). */
  budget?: number;
  budgetIsFloor?: boolean;
  /** The floor or peer measured beside it in the same run, and what it is. */
  baseline?: number;
  baselineName?: string;
  /** The bench file it came from; filled in by the runner. */
  source?: string;
}

export const ROW_PREFIX = 'BENCH_ROW ';

/** Prints `row` for the runner (one line, machine-readable). */
export function emitRow(row: BenchRow): void {
  console.log(ROW_PREFIX + JSON.stringify(row));
}

/** The q-quantile (0..1) of `values`, nearest rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
export const p99 = (values: readonly number[]): number => quantile(values, 0.99);

/** figure / baseline, or undefined when there is no baseline. */
export function ratio(row: BenchRow): number | undefined {
  return row.baseline === undefined || row.baseline === 0 ? undefined : row.median / row.baseline;
}

/** Whether the figure meets its budget (undefined when it has none). */
export function withinBudget(row: BenchRow): boolean | undefined {
  if (row.budget === undefined) return undefined;
  return row.budgetIsFloor ? row.median >= row.budget : row.median <= row.budget;
}

const num = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value)
    ? ''
    : Math.abs(value) >= 100
      ? value.toFixed(0)
      : Math.abs(value) >= 10
        ? value.toFixed(1)
        : value.toFixed(2);

/** The rows as one Markdown table (also readable in a terminal). */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['figure', 'median', 'p99', 'unit', 'budget', 'baseline (same run)', 'ratio'];
  const lines = rows.map((row) => {
    const verdict = withinBudget(row);
    const budget = row.budget === undefined ? '' : `${row.budgetIsFloor ? '≥ ' : '≤ '}${num(row.budget)}${verdict === false ? ' MISSED' : ''}`;
    const baseline = row.baseline === undefined ? '' : `${num(row.baseline)} (${row.baselineName ?? 'floor'})`;
    const r = ratio(row);
    return [row.figure, num(row.median), num(row.p99), row.unit, budget, baseline, r === undefined ? '' : `×${r.toFixed(2)}`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const render = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}
