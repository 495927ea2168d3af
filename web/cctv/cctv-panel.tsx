// CCTV coverage beside the map: the headline figures in words, the cameras counted, the model's
// caveat (no buildings: an upper bound), the map key, the blind hot spots (a click on a row marks
// the cell on the map), and "suggest sites for N redeployable cameras" with the proposed sites,
// their gains and the greedy guarantee. Errors are the server's own words, without parameter names.
import { useId, useState } from 'react';
import { cellAt } from '../../geo/h3';
import { apiWindowInWords, messageForScreen, plural } from '../themes/theme-words';
import type { CoverageResponse, SitingResponse } from './cctv-api';
import { CctvKey } from './cctv-key';
import { COVERAGE_CLASSES, coverageClass, siteName } from './cctv-layers';
import {
  camerasByTypeText,
  camerasSentence,
  coverageHeadline,
  cumulativeGains,
  harmAndBlindSentence,
  harmScoreNote,
  harmText,
  nearestText,
  shareText,
  sitingTotalSentence,
} from './cctv-words';
import { DEFAULT_SITES, type CctvView } from './use-cctv-view';

export interface CctvPanelProps {
  view: CctvView;
  groupLabel: string;
  /** A category's name from its slug. */
  labelOf: (slug: string) => string;
  /** The ward (or other named area) a group of cells lies in, when known. */
  placeOf: (cells: readonly string[]) => string | null;
  closeUp: boolean;
}

export function CctvPanel({ view, groupLabel, labelOf, placeOf, closeUp }: CctvPanelProps) {
  const { coverage } = view;
  const loaded = coverage?.status === 'loaded' ? coverage.value : null;
  return (
    <aside className="theme-column cctv-column" aria-label="CCTV coverage">
      <section className="theme-panel" aria-labelledby="cctv-heading">
        <h2 id="cctv-heading" data-testid="cctv-heading">
          CCTV coverage: {groupLabel}
        </h2>
        {(coverage === null || coverage.status === 'loading') && <p>Calculating…</p>}
        {coverage?.status === 'failed' && (
          <p className="window-error" role="alert" data-testid="cctv-failure">
            {messageForScreen(coverage.failure)}
          </p>
        )}
        {loaded && <CoverageAnswer response={loaded} view={view} groupLabel={groupLabel} labelOf={labelOf} placeOf={placeOf} closeUp={closeUp} />}
      </section>
    </aside>
  );
}

function CoverageAnswer({ response, view, groupLabel, labelOf, placeOf, closeUp }: CctvPanelProps & { response: CoverageResponse }) {
  const { meta, summary, blindHotspots } = response;
  const types = view.cameras?.status === 'loaded' ? view.cameras.value.features.map((f) => f.properties.type) : [];
  const cellsByClass = COVERAGE_CLASSES.map((_, k) => response.cells.filter((c) => coverageClass(c.coveredFraction) === k).length);
  return (
    <>
      <p className="window-text" data-testid="cctv-window">
        {apiWindowInWords(meta)}
      </p>
      <p className="theme-headline" data-testid="cctv-headline">
        {coverageHeadline(summary, groupLabel, meta.threshold)}
      </p>
      <p data-testid="cctv-blind-sentence">{harmAndBlindSentence(summary)}</p>
      <p data-testid="cctv-cameras">
        {camerasSentence(meta.cameras)}
        {types.length > 0 && ` By type: ${camerasByTypeText(types)}.`}
      </p>
      <p className="definition-note approximation" role="note" data-testid="cctv-caveat">
        <strong>An upper bound.</strong> {meta.model}
      </p>
      {meta.notes.length > 0 && (
        <ul className="notes" data-testid="cctv-notes">
          {meta.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <CctvKey cellsByClass={cellsByClass} closeUp={closeUp} />
      <h3 id="cctv-blind-heading">Blind hot spots</h3>
      {blindHotspots.length === 0 ? (
        <p data-testid="cctv-no-blind">Every hot cell in the window is covered.</p>
      ) : (
        <div className="theme-table-scroll cctv-table-scroll">
          <table className="theme-table" aria-label="Blind hot spots">
            <thead>
              <tr>
                <th scope="col">Blind spot</th>
                <th scope="col">Ward</th>
                <th scope="col" className="num">
                  Incidents
                </th>
                <th scope="col" className="num">
                  Harm score
                </th>
                <th scope="col" className="num">
                  In view
                </th>
                <th scope="col">Nearest working camera</th>
              </tr>
            </thead>
            <tbody>
              {blindHotspots.map((b, k) => {
                const rank = k + 1;
                const selected = rank === view.selectedBlind;
                return (
                  <tr key={b.cell} className={selected ? 'selected' : undefined} aria-selected={selected}>
                    <td>
                      <button type="button" className="row-button nowrap" aria-pressed={selected} onClick={() => view.selectBlind(selected ? null : rank)}>
                        {rank}
                      </button>
                    </td>
                    <td>{placeOf([b.cell]) ?? '—'}</td>
                    <td className="num">{plural(b.count, 'incident', 'incidents')}</td>
                    <td className="num">{harmText(b.harmWeightedCount)}</td>
                    <td className="num">{shareText(b.coveredFraction)}</td>
                    <td className="num">{nearestText(b.nearestWorkingCamera)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="fine-print" data-testid="cctv-harm-note">
        {harmScoreNote(meta.rankedBy, labelOf)} In view: the share of the cell a working camera sees. Distances from the cell&apos;s centre.
      </p>
      <SitingForm view={view} placeOf={placeOf} resolution={meta.resolution} />
    </>
  );
}

function SitingForm({ view, placeOf, resolution }: { view: CctvView; placeOf: CctvPanelProps['placeOf']; resolution: number }) {
  const id = useId();
  const [count, setCount] = useState(String(DEFAULT_SITES));
  const k = Number(count);
  const valid = Number.isInteger(k) && k >= 1 && k <= 20;
  const { siting } = view;
  return (
    <section className="cctv-siting" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Where should redeployable cameras go?</h3>
      <form
        className="cctv-siting-form"
        aria-label="Suggest sites"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) view.suggestSites(k);
        }}
      >
        <label htmlFor={`${id}-k`}>Suggest sites for</label>
        <input id={`${id}-k`} type="number" min={1} max={20} step={1} value={count} onChange={(event) => setCount(event.target.value)} />
        <span>redeployable cameras</span>
        <button type="submit" disabled={!valid || siting?.status === 'loading'}>
          Suggest sites
        </button>
      </form>
      {!valid && (
        <p className="window-error" role="alert">
          Choose a whole number of cameras from 1 to 20.
        </p>
      )}
      {siting?.status === 'loading' && <p>Choosing sites…</p>}
      {siting?.status === 'failed' && (
        <p className="window-error" role="alert" data-testid="cctv-siting-failure">
          {messageForScreen(siting.failure)}
        </p>
      )}
      {siting?.status === 'loaded' && <SitingAnswer response={siting.value} placeOf={placeOf} resolution={resolution} />}
    </section>
  );
}

function SitingAnswer({ response, placeOf, resolution }: { response: SitingResponse; placeOf: CctvPanelProps['placeOf']; resolution: number }) {
  const { meta, sites } = response;
  const cumulative = cumulativeGains(sites);
  return (
    <>
      <p className="theme-headline" data-testid="cctv-siting-total">
        {sitingTotalSentence({ sites, total: response.total, uncovered: response.uncovered, requested: meta.k, rangeMeters: meta.rangeMeters })}
      </p>
      {sites.length > 0 && (
        <div className="theme-table-scroll">
          <table className="theme-table" aria-label="Proposed sites">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Ward</th>
                <th scope="col" className="num">
                  Harm score newly covered
                </th>
                <th scope="col" className="num">
                  Running total
                </th>
                <th scope="col" className="num">
                  Cells newly covered
                </th>
              </tr>
            </thead>
            <tbody>
              {sites.map((site, k) => (
                <tr key={site.id}>
                  <td className="strong">{siteName(k + 1)}</td>
                  <td>{placeOf([cellAt(site.lng, site.lat, resolution)]) ?? '—'}</td>
                  <td className="num">{harmText(site.marginalGain)}</td>
                  <td className="num">{harmText(cumulative[k] ?? 0)}</td>
                  <td className="num">{plural(site.newlyCoveredCells.length, 'cell', 'cells')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="fine-print" data-testid="cctv-guarantee">
        {meta.guarantee}
      </p>
      <p className="fine-print">{meta.model}</p>
    </>
  );
}
