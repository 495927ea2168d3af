// Before and during, side by side, for the response area, its buffer and the control area.
// Each pair has its own scale (the control holds hundreds where the response area holds
// tens), so the shape of each change is what reads; the numbers are printed on the bars.
// Six bars do not need a chart library: plain SVG, with a table for screen readers.
import { describeChange } from '../../geo/taskings/effect-measures';
import { cssColour, type Rgb } from '../colour-scale';

export interface AreaPair {
  label: string;
  before: number;
  during: number;
  change: number | null;
}

const WIDTH = 132;
const HEIGHT = 120;
const BAR = 40;
const TOP = 18;
/** Before in mid grey, during in the page's accent blue (web/styles.css `.key-before`, `.key-during`). */
export const BEFORE_FILL: Rgb = [154, 154, 154];
export const DURING_FILL: Rgb = [0, 70, 190];

export function ResultsChart({ pairs, beforeText, duringText }: { pairs: readonly AreaPair[]; beforeText: string; duringText: string }) {
  return (
    <figure className="results-chart">
      <div className="results-pairs" aria-hidden="true">
        {pairs.map((pair) => {
          const max = Math.max(1, pair.before, pair.during);
          const height = (n: number) => ((HEIGHT - TOP) * n) / max;
          return (
            <svg key={pair.label} width={WIDTH} height={HEIGHT + 44} viewBox={`0 0 ${WIDTH} ${HEIGHT + 44}`}>
              {[
                { n: pair.before, x: 16, fill: cssColour(BEFORE_FILL) },
                { n: pair.during, x: 16 + BAR + 20, fill: cssColour(DURING_FILL) },
              ].map((bar) => (
                <g key={bar.x}>
                  <rect x={bar.x} y={HEIGHT - height(bar.n)} width={BAR} height={height(bar.n)} fill={bar.fill} />
                  <text x={bar.x + BAR / 2} y={HEIGHT - height(bar.n) - 4} textAnchor="middle" fontSize="14" fontWeight="700">
                    {bar.n}
                  </text>
                </g>
              ))}
              <line x1={8} x2={WIDTH - 8} y1={HEIGHT} y2={HEIGHT} stroke="#333" />
              <text x={WIDTH / 2} y={HEIGHT + 18} textAnchor="middle" fontSize="14" fontWeight="700">
                {pair.label}
              </text>
              <text x={WIDTH / 2} y={HEIGHT + 36} textAnchor="middle" fontSize="13">
                {pair.change === null && pair.during === 0 ? 'none either time' : `daily rate ${describeChange(pair.change)}`}
              </text>
            </svg>
          );
        })}
      </div>
      <figcaption className="fine-print">
        <span className="key key-before" /> before ({beforeText}) <span className="key key-during" /> during ({duringText})
      </figcaption>
      <table className="visually-hidden">
        <caption>Incidents before and during</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">Before</th>
            <th scope="col">During</th>
            <th scope="col">Change in the daily rate</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((pair) => (
            <tr key={pair.label}>
              <th scope="row">{pair.label}</th>
              <td>{pair.before}</td>
              <td>{pair.during}</td>
              <td>{describeChange(pair.change)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
