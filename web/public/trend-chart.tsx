// A 12-month trend of published figures (issue 15), drawn with uPlot (decision 036): a line
// through the months with a figure, a shaded bar from 1 to 9 for a month published as "fewer
// than 10" (its value is unknown, so no point is drawn), a grey mark for "withheld", and a gap for
// a month without data. The figures are listed under the chart too, for screen readers and for
// anyone who would rather read them.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PublicTrend } from './public-api';
import { PUBLIC_SEQUENTIAL, PUBLIC_WITHHELD } from './public-classes';
import { figureText, monthLabel } from './public-words';

const LINE = '#b30000';
const HEIGHT = 220;

type TrendMonth = PublicTrend['months'][number];

/** The y value uPlot draws for a month: the figure where one is published, else a gap. */
export function plottedValue(month: TrendMonth): number | null {
  return month.data && (month.kind === 'rounded' || month.kind === 'zero') ? month.value : null;
}

/** What the chart's marks other than the line mean, for the months that have them. */
function marksKey(months: readonly TrendMonth[], threshold: number): string | null {
  const parts: string[] = [];
  if (months.some((m) => m.kind === 'fewer-than')) parts.push(`A shaded bar is a month with fewer than ${threshold} (the exact figure is not published).`);
  if (months.some((m) => m.kind === 'withheld')) parts.push('A dashed line is a month whose figure is withheld to protect a small figure elsewhere.');
  if (months.some((m) => !m.data)) parts.push('A gap is a month with no data.');
  return parts.length > 0 ? parts.join(' ') : null;
}

function axisLabel(month: string, first: boolean): string {
  const [name, year] = monthLabel(month, 'long').split(' ');
  return first || month.endsWith('-01') ? `${name!.slice(0, 3)}\n${year}` : name!.slice(0, 3);
}

export function TrendChart({ title, trend, threshold }: { title: string; trend: PublicTrend; threshold: number }) {
  const box = useRef<HTMLDivElement>(null);
  const months = trend.months;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const xs = months.map((_, k) => k);
    const ys = months.map(plottedValue);
    const top = Math.max(threshold, ...ys.map((y) => y ?? 0));
    const drawMarks = (u: uPlot) => {
      const ctx = u.ctx;
      ctx.save();
      const width = Math.max(6, (u.bbox.width / months.length) * 0.4);
      months.forEach((m, k) => {
        const x = u.valToPos(k, 'x', true);
        if (m.kind === 'fewer-than') {
          const y1 = u.valToPos(1, 'y', true);
          const y9 = u.valToPos(threshold - 1, 'y', true);
          ctx.fillStyle = PUBLIC_SEQUENTIAL[1];
          ctx.strokeStyle = LINE;
          ctx.lineWidth = 1;
          ctx.fillRect(x - width / 2, y9, width, y1 - y9);
          ctx.strokeRect(x - width / 2, y9, width, y1 - y9);
        } else if (m.kind === 'withheld') {
          ctx.strokeStyle = PUBLIC_WITHHELD;
          ctx.setLineDash([4, 4]);
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.setLineDash([]);
        }
      });
      ctx.restore();
    };
    const plot = new uPlot(
      {
        width: element.clientWidth || 320,
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, months.length - 0.5] }, y: { range: [0, Math.ceil((top * 1.15) / 5) * 5] } },
        axes: [
          {
            // "Jan" with its year under the first month and each January: twelve labels fit a phone.
            // On a narrow chart (a phone), every second or third month, ending with the latest.
            values: (u, splits) => {
              const every = u.width < 480 ? 3 : u.width < 720 ? 2 : 1;
              const last = months.length - 1;
              return splits.map((k) => (Number.isInteger(k) && months[k] && (last - k) % every === 0 ? axisLabel(months[k].month, k < every) : ''));
            },
            splits: () => xs,
            gap: 4,
            size: 44,
            font: '12px system-ui, sans-serif',
          },
          { size: 52, font: '12px system-ui, sans-serif', values: (_u, splits) => splits.map((v) => v.toLocaleString('en-GB')) },
        ],
        series: [{}, { label: title, stroke: LINE, width: 2, spanGaps: false, points: { show: true, size: 7, fill: LINE } }],
        hooks: { draw: [drawMarks] },
      },
      [xs, ys],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth || 320, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [months, threshold, title]);

  const shown = months.filter((m) => m.data);
  const described =
    shown.length === 0 ? 'No months have data.' : `${title}: ${shown.map((m) => `${monthLabel(m.month, 'long')} ${figureText(m)}`).join('; ')}.`;
  return (
    <figure className="trend-chart">
      <figcaption>{title}</figcaption>
      <div ref={box} className="trend-canvas" role="img" aria-label={described} />
      {marksKey(months, threshold) && <p className="chart-key">{marksKey(months, threshold)}</p>}
      <details>
        <summary>The figures</summary>
        <table className="trend-figures">
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthLabel(m.month, 'long')}</th>
                <td>{figureText(m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
