// What the map shows, in words: layer, dates, totals, and what was left out and why.
import type { ApiFailure, CellsResponse } from './api-client';
import type { CellCount } from './build-layers';
import { describeWindow, type ResolvedWindow } from './window-dates';

const BUSIEST_LIMIT = 5;

export interface WindowSummaryProps {
  groupLabel: string;
  window: ResolvedWindow | null;
  /** The time filter in words ('After school 15:00–18:00, weekdays'); null for all hours and days. */
  timeFilterText: string | null;
  /** The server's note on incidents the filter cannot judge (month-only police.uk data), or null. */
  timeFilterNote: string | null;
  /** Why the map opened on this window (monthly data), while it still shows it; else null. */
  openingNote: string | null;
  /** The server's note on categories with no data in the window, or null. */
  coverageNote: string | null;
  response: CellsResponse | null;
  failure: ApiFailure | null;
  hasData: boolean;
  /** Cells with counted incidents, in any order. */
  busiest: readonly CellCount[];
  onPickCell: (cell: string) => void;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export function WindowSummary({
  groupLabel,
  window,
  timeFilterText,
  timeFilterNote,
  openingNote,
  coverageNote,
  response,
  failure,
  hasData,
  busiest,
  onPickCell,
}: WindowSummaryProps) {
  const top = [...busiest].sort((a, b) => b.count - a.count || a.cell.localeCompare(b.cell)).slice(0, BUSIEST_LIMIT);
  return (
    <section className="summary" aria-labelledby="summary-title" aria-live="polite">
      <h2 id="summary-title">{groupLabel}</h2>
      {window && <p className="window-text">{describeWindow(window)}</p>}
      {timeFilterText && (
        <p className="window-text" data-testid="time-filter-text">
          Only: {timeFilterText} (London time)
        </p>
      )}
      {openingNote && (
        <p className="fine-print" data-testid="opening-note">
          {openingNote}
        </p>
      )}
      {coverageNote && (
        <p className="data-end-note" role="note" data-testid="coverage-note">
          {coverageNote}
        </p>
      )}
      {window?.dataEndNote && (
        <p className="data-end-note" role="note">
          {window.dataEndNote}
        </p>
      )}
      {!hasData && <p role="note">No incidents are imported yet: the README says how to import police.uk and partner files.</p>}
      {timeFilterNote && (
        <p className="data-end-note" role="note" data-testid="time-filter-note">
          {timeFilterNote}
        </p>
      )}
      {failure && <p role="alert">The cells could not load: {failure.message}</p>}
      {!failure && !response && <p>Loading…</p>}
      {response && (
        <>
          <p className="total" data-testid="total-count">
            <strong>{response.meta.totalCount.toLocaleString('en-GB')}</strong> {response.meta.totalCount === 1 ? 'incident' : 'incidents'} counted in{' '}
            {plural(busiest.length, 'cell', 'cells')}
          </p>
          {response.meta.totalPartialCount > 0 && (
            <p className="partial-note" data-testid="partial-note">
              {plural(response.meta.totalPartialCount, 'month-only incident overlaps', 'month-only incidents overlap')} these dates but{' '}
              {response.meta.totalPartialCount === 1 ? 'is' : 'are'} not counted: police.uk gives only the month, and that month is not wholly inside the
              window.
            </p>
          )}
          {top.length > 0 && (
            <>
              <h3>Busiest cells</h3>
              <ol className="busiest">
                {top.map((cell) => (
                  <li key={cell.cell}>
                    <button
                      type="button"
                      onClick={() => onPickCell(cell.cell)}
                      aria-label={`Show cell ${cell.cell}: ${plural(cell.count, 'incident', 'incidents')}`}
                    >
                      {plural(cell.count, 'incident', 'incidents')}
                    </button>
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}
