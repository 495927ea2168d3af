// The map key of the theme on screen, in words, as a strip above the theme's table (beside or
// under the map, so it is on screen with it). Swatches are CSS classes (web/styles.css) in the
// colours the layers use: the strict Content-Security-Policy allows no inline styles, and a
// unit test checks the two agree. Serious violence uses the hot spot view's Gi* colours, set as
// the other map legends set them (from view-colours.ts, through the DOM, which the policy allows).
import { PERSISTENCE_ORDER, PERSISTENCE_STYLES } from './drug-market-layers';
import { SCHOOL_CELL_CLASSES, schoolCellClassLabel } from './school-layers';
import { cssColour } from '../colour-scale';
import { binLegendCounted } from '../view-colours';
import type { DrugMarketsResponse, SchoolsRobberyResponse, SeriousViolenceResponse } from './theme-api';
import { countedNoun, plural } from './theme-words';

export function SchoolsKey({ response }: { response: SchoolsRobberyResponse }) {
  const { meta } = response;
  const noun = countedNoun(meta.categories);
  return (
    <section className="legend theme-key" aria-label="Map key">
      <ul>
        <li>
          <span className="swatch swatch-school" aria-hidden="true" />
          <span className="legend-label">School: bigger for more {noun.many} nearby</span>
        </li>
        <li>
          <span className="swatch swatch-school-stands-out" aria-hidden="true" />
          <span className="legend-label">Stands out</span>
        </li>
        <li>
          <span className="swatch swatch-hotspot-number" aria-hidden="true">
            1
          </span>
          <span className="legend-label">Its row in the table</span>
        </li>
        <li>
          <span className="swatch swatch-school-selected" aria-hidden="true" />
          <span className="legend-label">Picked in the table (named)</span>
        </li>
        <li>
          <span className="swatch swatch-buffer" aria-hidden="true" />
          <span className="legend-label">{plural(meta.bufferMeters, 'metre', 'metres')} around each school</span>
        </li>
        <li className="key-ramp">
          <span className="legend-label">{noun.many.charAt(0).toUpperCase() + noun.many.slice(1)} in a cell:</span>
          {SCHOOL_CELL_CLASSES.map((cls, k) => (
            <span key={cls.key} className="key-step">
              <span className={`swatch swatch-${cls.key}`} aria-hidden="true" />
              {schoolCellClassLabel(k)}
            </span>
          ))}
        </li>
      </ul>
    </section>
  );
}

export function DrugKey({ response }: { response: DrugMarketsResponse }) {
  const { summary } = response;
  const counts: Record<string, number> = { persistent: summary.persistent, new: summary.new, fading: summary.fading };
  return (
    <section className="legend theme-key" aria-label="Map key">
      <ul>
        {PERSISTENCE_ORDER.map((p) => (
          <li key={p}>
            <span className={`swatch swatch-${p}`} aria-hidden="true" />
            <span className="legend-label">
              {PERSISTENCE_STYLES[p].name} ({plural(counts[p] ?? 0, 'cell', 'cells')})
            </span>
          </li>
        ))}
        <li>
          <span className="swatch swatch-hot-outline" aria-hidden="true" />
          <span className="legend-label">Hot now only</span>
        </li>
        <li>
          <span className="swatch swatch-index" aria-hidden="true" />
          <span className="legend-label">Drug-market index of the cell</span>
        </li>
        <li>
          <span className="swatch swatch-hotspot-number" aria-hidden="true">
            1
          </span>
          <span className="legend-label">Hotspot, as in the table</span>
        </li>
      </ul>
      <p className="fine-print" data-testid="theme-persistence-key">
        {PERSISTENCE_ORDER.map((p) => `${PERSISTENCE_STYLES[p].name}: ${PERSISTENCE_STYLES[p].meaning}.`).join(' ')} Hot now only: hot in this window, no
        lasting pattern. Hot means Getis-Ord Gi* at 95% confidence or more (FDR-corrected) on the index; the circle is bigger where the index is higher.
      </p>
    </section>
  );
}

export function ViolenceKey({ response }: { response: SeriousViolenceResponse }) {
  // Cold rows only when the window has cold cells: the meeting asks where violence concentrates.
  const rows = binLegendCounted(response.summary?.bins ?? {}).filter((row) => !row.key.startsWith('bin-') || (row.cells ?? 0) > 0);
  return (
    <section className="legend theme-key" aria-label="Map key">
      <ul>
        {rows.map((row) => (
          <li key={row.key}>
            <span className="swatch" style={{ background: cssColour(row.colour) }} aria-hidden="true" />
            <span className="legend-label">
              {row.label} ({plural(row.cells ?? 0, 'cell', 'cells')})
            </span>
          </li>
        ))}
        <li>
          <span className="swatch swatch-hotspot-number" aria-hidden="true">
            1
          </span>
          <span className="legend-label">Hotspot, as in the table</span>
        </li>
      </ul>
      <p className="fine-print" data-testid="theme-gistar-key">
        Getis-Ord Gi* on the incidents counted, FDR-corrected, each cell with its six neighbours. A hotspot is a group of touching cells hot at 95% or more.
      </p>
    </section>
  );
}
