// Change against the recent past: a window's count per cell against the mean of the N
// preceding windows of equal length. If a cell's rate did not change, then given the total
// T over the window and its N baseline windows, the window's count is Binomial(T, 1/(N+1))
// (the conditional test for equal Poisson rates; Przyborowski & Wilenski 1940).
import { binomialTestTwoSided } from './binomial';
import { adjustPValues, type Correction } from './multiple-testing';
import { fail, ok, type Result } from './types';

export interface CellChange {
  cell: string;
  count: number;
  /** Mean count over the baseline windows. */
  baselineMean: number;
  /** count - baselineMean. */
  change: number;
  /** count / baselineMean, null when the baseline is 0. */
  ratio: number | null;
  p: number;
  pAdjusted: number;
  /** +1 significant rise, -1 significant fall, 0 neither (adjusted p < alpha). */
  direction: -1 | 0 | 1;
}

export interface ChangeResult {
  cells: CellChange[];
  borough: Omit<CellChange, 'cell' | 'pAdjusted'>;
  baselineWindows: number;
}

export interface ChangeInput {
  /** Count per cell in the window being looked at. */
  current: ReadonlyMap<string, number>;
  /** Counts per cell in each baseline window (any order). */
  baseline: readonly ReadonlyMap<string, number>[];
  correction: Correction;
  alpha: number;
}

function testChange(count: number, baselineTotal: number, windows: number, alpha: number) {
  const baselineMean = baselineTotal / windows;
  const p = binomialTestTwoSided(count, count + baselineTotal, 1 / (windows + 1));
  return {
    count,
    baselineMean,
    change: count - baselineMean,
    ratio: baselineMean > 0 ? count / baselineMean : null,
    p,
    direction: (p < alpha ? Math.sign(count - baselineMean) : 0) as -1 | 0 | 1,
  };
}

export function compareWithBaseline(input: ChangeInput): Result<ChangeResult> {
  const windows = input.baseline.length;
  if (windows < 1) return fail('need at least one baseline window');
  const cells = new Set<string>(input.current.keys());
  for (const window of input.baseline) for (const cell of window.keys()) cells.add(cell);
  const rows = [...cells].sort().map((cell) => {
    const baselineTotal = input.baseline.reduce((sum, w) => sum + (w.get(cell) ?? 0), 0);
    return { cell, ...testChange(input.current.get(cell) ?? 0, baselineTotal, windows, input.alpha) };
  });
  const adjusted = adjustPValues(
    rows.map((r) => r.p),
    input.correction,
  );
  if (!adjusted.ok) return fail(adjusted.reason);
  const changed: CellChange[] = rows.map((row, i) => {
    const pAdjusted = adjusted.value[i]!;
    return { ...row, pAdjusted, direction: (pAdjusted < input.alpha ? Math.sign(row.change) : 0) as -1 | 0 | 1 };
  });
  const currentTotal = [...input.current.values()].reduce((a, b) => a + b, 0);
  const baselineTotal = input.baseline.reduce((sum, w) => sum + [...w.values()].reduce((a, b) => a + b, 0), 0);
  return ok({ cells: changed, borough: testChange(currentTotal, baselineTotal, windows, input.alpha), baselineWindows: windows });
}
