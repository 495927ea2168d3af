// What the active view says about one cell, in words for the cell panel. Pure.
import type { ViewAnswer } from './use-view-data';
import { FORECAST_TOP_SHARE, describeBin, describePattern, forecastTopCount } from './view-colours';

export interface CellFact {
  label: string;
  value: string;
  testId: string;
}

function formatP(p: number | null): string {
  if (p === null) return 'not defined';
  return p < 0.001 ? 'below 0.001' : p.toFixed(3);
}

/** Facts about `cell` in the view's answer; an empty list when the view says nothing of it. */
export function factsOfCell(answer: ViewAnswer, cell: string): CellFact[] {
  if (answer.view === 'hotspots') {
    const row = answer.response.cells.find((c) => c.cell === cell);
    if (!row) return [{ label: 'Hot spot', value: 'Outside the study area', testId: 'cell-bin' }];
    return [
      { label: answer.harm ? 'Gi* of harm' : 'Gi*', value: describeBin(row.bin), testId: 'cell-bin' },
      { label: 'Gi* z-score', value: row.z === null ? 'not defined' : row.z.toFixed(2), testId: 'cell-z' },
      { label: 'Adjusted p (FDR)', value: formatP(row.pAdjusted), testId: 'cell-p-adjusted' },
    ];
  }
  if (answer.view === 'emerging') {
    const row = answer.response.cells.find((c) => c.cell === cell);
    const windows = answer.response.windows.length;
    if (!row) return [{ label: 'Pattern', value: 'No emerging pattern', testId: 'cell-pattern' }];
    return [
      { label: 'Pattern', value: describePattern(row.side, row.pattern), testId: 'cell-pattern' },
      { label: 'Hot windows', value: `${row.hotWindows} of ${windows}`, testId: 'cell-hot-windows' },
      { label: 'Trend (Mann-Kendall z)', value: row.trendZ.toFixed(2), testId: 'cell-trend' },
    ];
  }
  const cells = answer.response.cells;
  const row = cells.find((c) => c.cell === cell);
  if (!row) return [{ label: 'Forecast', value: 'Outside the study area', testId: 'cell-forecast-rank' }];
  const top = forecastTopCount(cells.length);
  const inTop = row.rank <= top ? `, in the top ${Math.round(FORECAST_TOP_SHARE * 100)}%` : '';
  return [
    { label: 'Forecast rank', value: `${row.rank} of ${cells.length}${inTop}`, testId: 'cell-forecast-rank' },
    { label: 'Forecast score', value: row.score.toFixed(2), testId: 'cell-forecast-score' },
  ];
}
