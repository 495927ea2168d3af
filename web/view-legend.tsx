// The legend of whichever view is on screen. Each analytic legend says how it was computed
// (Gi*, the correction, k, the harm index), since a chair must be able to say why a cell is red.
import { isoDateOfDay, parseIsoDate } from '../geo/time';
import type { BacktestResponse, HotspotsResponse, EmergingResponse, ForecastResponse } from './api-client';
import { cssColour } from './colour-scale';
import { Legend } from './legend';
import type { Loadable, ViewAnswer } from './use-view-data';
import { FORECAST_FILL, binLegendCounted, legendTitleOf, patternLegend, type LegendRow, type MapViewName } from './view-colours';
import { formatDay } from './window-dates';

export interface ViewLegendProps {
  view: MapViewName;
  harm: boolean;
  h3Resolution: number;
  answer: Loadable<ViewAnswer> | null;
  backtest: Loadable<BacktestResponse> | null;
  /** A Time of day or Days filter is chosen: the forecast legend says it does not apply. */
  timeFilterSet: boolean;
}

/** '15 Mar 2025 – 21 Mar 2025' from an API window [from, to). */
export function describeApiWindow(window: { from: string; to: string }): string {
  const to = parseIsoDate(window.to);
  const through = to.ok ? isoDateOfDay(to.value - 1) : window.to;
  return `${formatDay(window.from)} – ${formatDay(through)}`;
}

export function ViewLegend({ view, harm, h3Resolution, answer, backtest, timeFilterSet }: ViewLegendProps) {
  if (view === 'counts') return <Legend h3Resolution={h3Resolution} />;
  const loaded = answer?.status === 'loaded' ? answer.value : null;
  return (
    <section className="legend" aria-labelledby="legend-title" aria-live="polite">
      <h2 id="legend-title">{legendTitleOf(view, harm)}</h2>
      {answer?.status === 'loading' && <p>Calculating…</p>}
      {answer?.status === 'failed' && <p>Nothing to show for this choice: the message on the map says why.</p>}
      {loaded?.view === 'hotspots' && <HotspotLegend response={loaded.response} harm={loaded.harm} />}
      {loaded?.view === 'emerging' && <EmergingLegend response={loaded.response} />}
      {loaded?.view === 'forecast' && <ForecastLegend response={loaded.response} backtest={backtest} timeFilterSet={timeFilterSet} />}
      {loaded && coverageNoteOf(loaded) && (
        <p className="data-end-note" role="note" data-testid="view-coverage-note">
          {coverageNoteOf(loaded)}
        </p>
      )}
    </section>
  );
}

/** What the view's answer says about categories without data in its windows. */
function coverageNoteOf(answer: ViewAnswer): string | null {
  switch (answer.view) {
    case 'hotspots':
      return answer.response.meta.coverageNote;
    case 'emerging':
      return answer.response.coverageNote;
    case 'forecast':
      return answer.response.coverageNote;
  }
}

function Rows({ rows }: { rows: readonly LegendRow[] }) {
  return (
    <ul>
      {rows.map((row) => (
        <li key={row.key}>
          <span className="swatch" style={{ background: cssColour(row.colour) }} aria-hidden="true" />
          <span className="legend-label">{row.label}</span>
          {row.cells !== undefined && <span className="legend-count">{row.cells.toLocaleString('en-GB')}</span>}
        </li>
      ))}
    </ul>
  );
}

function HotspotLegend({ response, harm }: { response: HotspotsResponse; harm: boolean }) {
  const rows = binLegendCounted(response.summary?.bins ?? {});
  const harmView = harm ? response.meta.harm : null;
  return (
    <>
      <p className="legend-method" data-testid="legend-method">
        Getis-Ord Gi*, FDR-corrected, k = 1
      </p>
      <Rows rows={rows} />
      <p className="fine-print">Numbers are cells. Red: more incidents around the cell than chance would give; blue: fewer.</p>
      {harmView && (
        <>
          <p className="legend-method" data-testid="harm-index">
            Weighted by harm: {harmView.index.name}
          </p>
          <p className="fine-print" data-testid="harm-weights">
            Days of custody per offence: {harmView.weighted.map((w) => `${w.label} ${Math.round(w.weight).toLocaleString('en-GB')}`).join(', ')}.
          </p>
          {harmView.proactive.categories.length > 0 && (
            <ul>
              <li>
                <span className="swatch swatch-proactive" aria-hidden="true" />
                <span className="legend-label" data-testid="proactive-legend">
                  {harmView.proactive.categories.map((c) => c.label).join(' and ')}: counts, not harm (found by police activity)
                </span>
                <span className="legend-count">{harmView.proactive.total.toLocaleString('en-GB')}</span>
              </li>
            </ul>
          )}
          {harmView.notCrimes.length > 0 && <p className="fine-print">{harmView.notCrimes.map((c) => c.label).join(' and ')}: not crimes, left out of harm.</p>}
          <p className="fine-print">{harmView.index.caveat}</p>
        </>
      )}
      {response.meta.partialCount > 0 && (
        <p className="fine-print">{response.meta.partialCount.toLocaleString('en-GB')} month-only incidents straddle the window and are left out.</p>
      )}
      {response.meta.outsideStudyArea > 0 && (
        <p className="fine-print">{response.meta.outsideStudyArea.toLocaleString('en-GB')} incidents lie outside the study area and are left out.</p>
      )}
    </>
  );
}

function EmergingLegend({ response }: { response: EmergingResponse }) {
  const first = response.windows[0];
  const last = response.windows.at(-1);
  const length = response.meta.windowLength;
  const lengthText = length.unit === 'months' ? 'calendar months' : `${length.days} days`;
  return (
    <>
      <p className="legend-method" data-testid="legend-method">
        {response.windows.length} windows of {lengthText}
        {first && last ? `, ${describeApiWindow({ from: first.from, to: last.to })}` : ''}. Gi* per window at {response.meta.confidence}% confidence (FDR, k ={' '}
        {response.meta.k}), Mann-Kendall trend.
      </p>
      <Rows rows={patternLegend(response.patterns)} />
      <p className="fine-print">Numbers are cells. Cells with no pattern are not drawn.</p>
      <p className="fine-print" data-testid="emerging-method-note">
        Unlike ArcGIS&apos;s space-time cube, each window is judged on its own: a cell&apos;s neighbours in the windows before and after do not count towards
        it, so a hot spot must stand out within each window.
      </p>
    </>
  );
}

function ForecastLegend({
  response,
  backtest,
  timeFilterSet,
}: {
  response: ForecastResponse;
  backtest: Loadable<BacktestResponse> | null;
  timeFilterSet: boolean;
}) {
  return (
    <>
      <p className="legend-method" data-testid="forecast-window">
        Forecast for {describeApiWindow(response.window)}: top 5% of cells
      </p>
      <Rows rows={[{ key: 'top', label: 'Top 5% of cells by forecast score', colour: FORECAST_FILL }]} />
      <h3>Accuracy</h3>
      <p data-testid="backtest-headline">
        {(backtest === null || backtest.status === 'loading') && 'Checking past accuracy…'}
        {backtest?.status === 'failed' && backtest.failure.message}
        {backtest?.status === 'loaded' && (backtest.value.headline ?? 'Too few past windows to score the forecast at 5% of cells.')}
      </p>
      <p className="fine-print">
        {response.method}. Uses only incidents before {formatDay(response.window.from)}.
      </p>
      <p className="fine-print" data-testid="forecast-all-hours">
        The forecast uses all hours and days{timeFilterSet ? ': the Time of day and Days choices do not apply to it.' : '.'}
      </p>
    </>
  );
}
