// Change against the recent past: a window's count per cell against the preceding windows,
// as rates per day. Windows need not be equally long (calendar months are not), so the test
// carries their exposure: if a cell's daily rate did not change, then given its total T over
// the window and the baseline, the window's count is Binomial(T, d / (d + D)), where d is the
// window's length in days and D the baseline's (the conditional test for two Poisson rates
// with unequal exposure; Przyborowski & Wilenski 1940). With equal windows d / (d + D) is
// 1 / (N + 1).
import { binomialTestTwoSided } from './binomial';
import { adjustPValues, type Correction } from './multiple-testing';
import { fail, ok, type Result } from './types';

export interface CellChange {
  cell: string;
  count: number;
  /** The count the baseline's daily rate gives over this window's days. */
  expected: number;
  /** Incidents per day in the window and over the baseline. */
  ratePerDay: number;
  baselineRatePerDay: number;
  /** count - expected. */
  change: number;
  /** count / expected (the ratio of daily rates), null when the baseline had none. */
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
  /** Days in the window and in all the baseline windows together. */
  exposure: { days: number; baselineDays: number };
}

export interface ChangeInput {
  /** Count per cell in the window being looked at. */
  current: ReadonlyMap<string, number>;
  /** Length of that window in days. */
  currentDays: number;
  /** Counts per cell in each baseline window (any order), with its length in days. */
  baseline: readonly { counts: ReadonlyMap<string, number>; days: number }[];
  correction: Correction;
  alpha: number;
}

function testChange(count: number, baselineTotal: number, days: number, baselineDays: number, alpha: number) {
  const share = days / (days + baselineDays);
  const baselineRatePerDay = baselineTotal / baselineDays;
  const expected = baselineRatePerDay * days;
  const p = binomialTestTwoSided(count, count + baselineTotal, share);
  return {
    count,
    expected,
    ratePerDay: count / days,
    baselineRatePerDay,
    change: count - expected,
    ratio: expected > 0 ? count / expected : null,
    p,
    direction: (p < alpha ? Math.sign(count - expected) : 0) as -1 | 0 | 1,
  };
}

export function compareWithBaseline(input: ChangeInput): Result<ChangeResult> {
  const windows = input.baseline.length;
  if (windows < 1) return fail('need at least one baseline window');
  const baselineDays = input.baseline.reduce((sum, w) => sum + w.days, 0);
  if (!(input.currentDays > 0) || input.baseline.some((w) => !(w.days > 0))) return fail('every window needs a length of at least one day');
  const cells = new Set<string>(input.current.keys());
  for (const window of input.baseline) for (const cell of window.counts.keys()) cells.add(cell);
  const rows = [...cells].sort().map((cell) => {
    const baselineTotal = input.baseline.reduce((sum, w) => sum + (w.counts.get(cell) ?? 0), 0);
    return { cell, ...testChange(input.current.get(cell) ?? 0, baselineTotal, input.currentDays, baselineDays, input.alpha) };
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
  const baselineTotal = input.baseline.reduce((sum, w) => sum + [...w.counts.values()].reduce((a, b) => a + b, 0), 0);
  return ok({
    cells: changed,
    borough: testChange(currentTotal, baselineTotal, input.currentDays, baselineDays, input.alpha),
    baselineWindows: windows,
    exposure: { days: input.currentDays, baselineDays },
  });
}
