// The Must-show on the REAL police.uk points for Tower Hamlets (../shared/data):
// on months never used to tune it, our forecast must beat the previous-month counts by 1.2×
// in PAI at 5% coverage and be no worse than the best N-month counts, for robbery, drugs,
// burglary and weapons. Where it does not hold on these data the test measures the shortfall
// and checks it against the figure docs/accuracy.md states (to the three decimals printed
// there) and against the bar, so it turns red if the method or the data move the figure at
// all, in either direction (then rerun `npm run backtest` and update the figures here).
//
// Every cut month of both files is scored (11 months 2019-02..2019-12 for the 23-month
// file, 97 months 2011-12..2019-12 for burglary); the first 12 months are training only.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../geo/backtest';
import {
  BURGLARY_FILE,
  FINE_H3_RESOLUTION,
  STREET_POINTS_FILE,
  TRAINING_MONTHS,
  backtestHistory,
  historyOf,
  loadMonthlyCounts,
  loadStudyArea,
  mustShowVerdict,
  REPO_ROOT,
} from '../../scripts/backtest-real-data';

// Parsed once for the whole file; each backtest is cached on first use.
const study = loadStudyArea();
const points = loadMonthlyCounts(STREET_POINTS_FILE, study);
const burglaryLong = loadMonthlyCounts(BURGLARY_FILE, study);
const cache = new Map<string, BacktestResult>();
// The cache only memoises a pure computation (same data, same result), so the order tests run in does not matter.
function backtest(category: string, long = false): BacktestResult {
  const key = `${category}${long ? ':long' : ''}`;
  let result = cache.get(key);
  if (!result) {
    const data = long ? burglaryLong : points;
    result = backtestHistory(category, data, historyOf(data, category), true).result;
    cache.set(key, result);
  }
  return result;
}

/** Ratios are printed with three decimals in docs/accuracy.md: a measured ratio within half a unit of the last one matches. */
const DOCUMENTED_RATIO_TOLERANCE = 0.0005;
const ACCURACY_MD = readFileSync(`${REPO_ROOT}/docs/accuracy.md`, 'utf8');

/**
 * The cells of the docs/accuracy.md table row under `heading` whose leading cells are `lead`,
 * e.g. tableRow('### Must-show check', ['drugs']) → ['drugs', '4.40', '3.77', '1.166 **no**', ...].
 */
function tableRow(heading: string, lead: readonly string[]): string[] {
  const from = ACCURACY_MD.indexOf(heading);
  expect(from, `docs/accuracy.md has no section "${heading}"`).toBeGreaterThanOrEqual(0);
  const section = ACCURACY_MD.slice(from).split('\n### ')[0]!;
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  const row = rows.find((cells) => lead.every((text, i) => cells[i] === text));
  if (!row) throw new Error(`docs/accuracy.md, "${heading}": no row starting ${lead.join(' | ')}`);
  return row;
}

/** The first number in a table cell such as "1.166 **no**". */
function numberIn(cell: string): number {
  const match = /-?\d+(?:\.\d+)?/.exec(cell);
  if (!match) throw new Error(`no number in "${cell}"`);
  return Number(match[0]);
}

describe('the real police.uk files, read independently', () => {
  it('hold the rows counted with zcat | cut | sort | uniq -c, every point in a study cell', () => {
    // SOURCES.md gives 46,819 rows for this file, which matches, but per-type counts that
    // do not (they sum to 69,413): these are the file's own, counted outside this code.
    const total = (slug: string) => historyOf(points, slug).counts.reduce((a, b) => a + b, 0);
    expect(points.rowsRead).toBe(46_819);
    expect(points.months).toHaveLength(23);
    expect(points.outsideArea).toBe(0);
    expect(total('robbery')).toBe(2784);
    expect(total('drugs')).toBe(4117);
    expect(total('burglary')).toBe(6010);
    expect(total('possession-of-weapons')).toBe(555);
    expect(burglaryLong.months).toHaveLength(109);
    expect(burglaryLong.rowsRead).toBe(24_900);
    // Points on the Thames edge outside the borough polygon (the file is selected by LSOA).
    expect(burglaryLong.outsideArea).toBeLessThan(100);
    // The two files agree on burglary where they overlap, to the edge points each clip drops (0.3%).
    const n = study.neighbourhood.cells.length;
    const from = burglaryLong.months.indexOf('2018-02');
    const overlap = historyOf(burglaryLong, 'burglary')
      .counts.slice(from * n)
      .reduce((a, b) => a + b, 0);
    expect(Math.abs(overlap - total('burglary')) / total('burglary')).toBeLessThan(0.005);
  });

  it('give the previous-month PAI a plain re-computation agrees with', () => {
    const result = backtest('robbery');
    const counts = historyOf(points, 'robbery').counts;
    const cells = study.neighbourhood.cells;
    const n = cells.length;
    const selected = Math.round(0.05 * n);
    const pais: number[] = [];
    for (let cut = TRAINING_MONTHS; cut < 23; cut++) {
      const order = cells
        .map((cell, i) => ({ cell, last: counts[(cut - 1) * n + i]!, next: counts[cut * n + i]! }))
        .sort((a, b) => b.last - a.last || a.cell.localeCompare(b.cell));
      const hits = order.slice(0, selected).reduce((sum, c) => sum + c.next, 0);
      const total = order.reduce((sum, c) => sum + c.next, 0);
      pais.push(hits / total / (selected / n));
    }
    const previous = result.methods.find((m) => m.id === 'previous')!.summary.find((s) => s.coverage === 0.05)!;
    expect(previous.pai).toBeCloseTo(pais.reduce((a, b) => a + b, 0) / pais.length, 10);
  });
});

describe('Must-show: our forecast on months it was not tuned on (PAI at 5%)', () => {
  for (const category of ['robbery', 'possession-of-weapons']) {
    it(`${category}: beats previous-month counts by at least 1.2×`, () => {
      const verdict = mustShowVerdict(backtest(category));
      expect(verdict.ours).toBeGreaterThanOrEqual(1.2 * verdict.previous);
    });
  }

  for (const [category, long] of [
    ['robbery', false],
    ['drugs', false],
    ['burglary', false],
    ['possession-of-weapons', false],
    ['burglary', true],
  ] as const) {
    it(`${category}${long ? ' (2010-12..2019-12)' : ''}: is no worse than the best N-month counts`, () => {
      const verdict = mustShowVerdict(backtest(category, long));
      expect(verdict.ours).toBeGreaterThanOrEqual(verdict.bestMulti.pai);
    });
  }

  // KNOWN SHORTFALLS (docs/accuracy.md, docs/decisions/008-forecast-method.md). A pre-registered
  // follow-up (finer kernel, cross-category weights, near-repeat term) did not close them. Even with
  // parameters chosen with hindsight, the best variant tried reached only 1.20× for drugs and
  // 1.21-1.23× for burglary; chosen honestly, before each month, ours reaches 1.17-1.20×.
  // Each measured ratio ours / previous month must be the figure docs/accuracy.md states (its
  // Must-show table, three decimals) and stay under the 1.2 bar: a change that moves it in either
  // direction turns this red, and the docs with it.
  for (const { category, long, ratio } of [
    { category: 'drugs', long: false, ratio: 1.166 },
    { category: 'burglary', long: false, ratio: 1.199 },
    { category: 'burglary', long: true, ratio: 1.172 },
  ] as const) {
    const label = `${category}${long ? ' (2010-12..2019-12)' : ''}`;
    it(`KNOWN SHORTFALL ${label}: beats previous-month counts by ${ratio}×, short of 1.2× (as docs/accuracy.md says)`, () => {
      const verdict = mustShowVerdict(backtest(category, long));
      expect(Number.isFinite(verdict.ratio)).toBe(true);
      expect(Math.abs(verdict.ratio - ratio), `measured ${verdict.ratio}`).toBeLessThanOrEqual(DOCUMENTED_RATIO_TOLERANCE);
      expect(verdict.ratio).toBeLessThan(1.2);
      expect(verdict.beatsPreviousBy12).toBe(false);
      const row = tableRow('### Must-show check', [label]);
      expect(numberIn(row[3]!)).toBe(ratio);
      expect(row[3]).toContain('**no**');
    });
    it(`${label}: still beats previous-month counts by at least 1.15×`, () => {
      const verdict = mustShowVerdict(backtest(category, long));
      expect(verdict.ratio).toBeGreaterThanOrEqual(1.15);
    });
  }

  it('Gi* z of the previous month ranks worse than plain counts, as the issue measured', () => {
    for (const category of ['robbery', 'drugs', 'burglary']) {
      const five = (id: string) =>
        backtest(category)
          .methods.find((m) => m.id === id)!
          .summary.find((s) => s.coverage === 0.05)!.pai;
      expect(five('gistar'), category).toBeLessThan(five('counts-12'));
    }
  });
});

// The same method on the resolution-10 grid (1,603 cells; 5% = 80 cells), 23-month file only:
// the 97-month burglary run at resolution 10 takes about 30 s and is in `npm run backtest`
// (docs/accuracy.md). Thinner monthly counts make the previous month a weak baseline here, so
// 1.2× is easy; the best 12-month counts are the hard bar. This does not repair resolution 9.
describe('Must-show at resolution 10 (PAI at 5%)', () => {
  const fineStudy = loadStudyArea(FINE_H3_RESOLUTION);
  const finePoints = loadMonthlyCounts(STREET_POINTS_FILE, fineStudy);
  const fineCache = new Map<string, BacktestResult>();
  const fine = (category: string) => {
    let result = fineCache.get(category);
    if (!result) {
      result = backtestHistory(category, finePoints, historyOf(finePoints, category), true).result;
      fineCache.set(category, result);
    }
    return result;
  };

  it('keeps every point of the resolution-9 run', () => {
    expect(fineStudy.neighbourhood.cells).toHaveLength(1603);
    expect(finePoints.outsideArea).toBe(0);
    expect(historyOf(finePoints, 'drugs').counts.reduce((a, b) => a + b, 0)).toBe(4117);
  });

  for (const category of ['robbery', 'drugs', 'burglary', 'possession-of-weapons']) {
    it(`${category}: beats previous-month counts by at least 1.2×`, () => {
      const verdict = mustShowVerdict(fine(category));
      expect(verdict.ours).toBeGreaterThanOrEqual(1.2 * verdict.previous);
    });
  }

  for (const category of ['drugs', 'burglary', 'possession-of-weapons']) {
    it(`${category}: is no worse than the best N-month counts`, () => {
      const verdict = mustShowVerdict(fine(category));
      expect(verdict.ours).toBeGreaterThanOrEqual(verdict.bestMulti.pai);
    });
  }

  // KNOWN SHORTFALL: 5.14 against 5.21 for 12-month counts (0.987×); the tuning keeps the
  // prior half-life (6.6 months) in 6 of 11 months where plain 12-month sums did slightly better.
  // The measured ratio ours / best N-month counts must be the 0.987 docs/accuracy.md states.
  it('KNOWN SHORTFALL robbery: reaches 0.987× the best N-month counts, not 1× (as docs/accuracy.md says)', () => {
    const verdict = mustShowVerdict(fine('robbery'));
    const ratio = verdict.ours / verdict.bestMulti.pai;
    expect(Number.isFinite(ratio)).toBe(true);
    expect(Math.abs(ratio - 0.987), `measured ${ratio}`).toBeLessThanOrEqual(DOCUMENTED_RATIO_TOLERANCE);
    expect(verdict.noWorseThanBestMulti).toBe(false);
    expect(verdict.bestMulti.id).toBe('counts-12');
    const row = tableRow('### Must-show at both resolutions', ['robbery', '10']);
    expect(numberIn(row[6]!)).toBe(0.987);
    expect(row[6]).toContain('**no**');
  });
  it('robbery: stays within 3% of the best N-month counts', () => {
    const verdict = mustShowVerdict(fine('robbery'));
    expect(verdict.ours).toBeGreaterThanOrEqual(0.97 * verdict.bestMulti.pai);
  });
});
