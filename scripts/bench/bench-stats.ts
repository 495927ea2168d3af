// Small helpers for benchmark reporting: figures and ratios, never pass/fail on time.

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[rank]!;
}

export function timeRuns(runs: number, fn: () => void | Promise<void>): Promise<number[]> {
  return (async () => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b);
  })();
}

/** A deterministic PRNG (mulberry32) so every run benchmarks the same data. */
export { seededRandom } from '../../geo/seeded-random';

export function verdict(value: number, target: number, lowerIsBetter: boolean): string {
  const met = lowerIsBetter ? value <= target : value >= target;
  return met ? 'meets target' : 'MISSES target';
}

export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((v) => (typeof v === 'number' ? formatNumber(v) : v)));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((v, i) => v.padStart(widths[i]!)).join('  ')).join('\n');
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-GB');
  return v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2);
}
