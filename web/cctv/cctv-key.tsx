// The CCTV map key: the coverage classes, the hot and blind outlines, the cameras by status and
// type, their views and the proposed sites, in the colours the layers use (cctv-layers.ts), set
// through React's style property as the other map keys do (the Content-Security-Policy forbids
// inline style attributes in the HTML, not the DOM's style property).
import { cssColour } from '../colour-scale';
import { plural } from '../themes/theme-words';
import {
  BLIND_EDGE,
  COVERAGE_CLASSES,
  HOT_EDGE,
  SITE_COLOUR,
  STATUS_COLOURS,
  STATUS_LABELS,
  TYPE_MARKS,
  VIEW_EDGE,
  VIEW_FILL,
  VIEW_ZOOM,
  type CameraStatusName,
  type CameraTypeName,
} from './cctv-layers';

const rgb = (c: readonly number[]) => `rgb(${c[0]} ${c[1]} ${c[2]})`;
const rgba = (c: readonly number[]) => `rgb(${c[0]} ${c[1]} ${c[2]} / ${((c[3] ?? 255) / 255).toFixed(2)})`;

export function CctvKey({ cellsByClass, closeUp }: { cellsByClass: readonly number[]; closeUp: boolean }) {
  return (
    <section className="legend theme-key cctv-key" aria-label="Map key">
      <ul>
        <li className="key-ramp">
          <span className="legend-label">Share of a cell in view of a working camera:</span>
          {COVERAGE_CLASSES.map((cls, k) => (
            <span key={cls.key} className="key-step" data-testid={`cctv-key-${cls.key}`}>
              <span className="swatch" style={{ background: cssColour(cls.colour) }} aria-hidden="true" />
              {cls.label} ({plural(cellsByClass[k] ?? 0, 'cell', 'cells')})
            </span>
          ))}
        </li>
        <li>
          <span className="swatch swatch-outline" style={{ borderColor: rgb(HOT_EDGE) }} aria-hidden="true" />
          <span className="legend-label">Hot cell (Gi* 95% or more), covered</span>
        </li>
        <li>
          <span className="swatch swatch-outline swatch-blind" style={{ borderColor: rgb(BLIND_EDGE) }} aria-hidden="true" />
          <span className="legend-label">Blind hot cell</span>
        </li>
        <li>
          <span className="swatch swatch-blind-number" aria-hidden="true">
            1
          </span>
          <span className="legend-label">Its row in the blind hot spot table</span>
        </li>
        {(Object.keys(STATUS_COLOURS) as CameraStatusName[]).map((status) => (
          <li key={status}>
            <span className="swatch swatch-camera" style={{ background: rgb(STATUS_COLOURS[status]) }} aria-hidden="true" />
            <span className="legend-label">{STATUS_LABELS[status]} camera</span>
          </li>
        ))}
        <li>
          <span className="legend-label">
            Type, lettered from zoom {VIEW_ZOOM}:{' '}
            {(Object.keys(TYPE_MARKS) as CameraTypeName[]).map((t) => `${TYPE_MARKS[t].letter} ${TYPE_MARKS[t].label.toLowerCase()}`).join(', ')}
            {closeUp ? '' : ' (zoom in to read them; a redeployable camera has a thick white ring)'}
          </span>
        </li>
        <li>
          <span className="swatch swatch-view" style={{ background: rgba(VIEW_FILL), borderColor: rgba(VIEW_EDGE) }} aria-hidden="true" />
          <span className="legend-label">What a working camera sees{closeUp ? '' : ` (drawn from zoom ${VIEW_ZOOM}, street level)`}</span>
        </li>
        <li>
          <span className="swatch swatch-site" style={{ background: rgb(SITE_COLOUR) }} aria-hidden="true">
            S1
          </span>
          <span className="legend-label">Proposed site and the circle its camera would watch</span>
        </li>
      </ul>
    </section>
  );
}
