// The month's ward table on the public page: each ward's published figure, the borough total,
// and the download of the published ward-month table. Choosing a row chooses the ward's trend.
import type { PublicRate, PublicWards } from './public-api';
import { wardTableCsvUrl } from './public-api';
import { figureText, monthLabel } from './public-words';

export interface WardTableProps {
  wards: PublicWards;
  selectedWard: string | null;
  onSelectWard: (code: string) => void;
  /** The theme's published months, oldest first: the download covers the twelve ending with the month shown. */
  months: readonly string[];
}

const rateText = (row: PublicRate) => (row.ratePer1000 === null ? '–' : row.ratePer1000.toFixed(1));

function residentsNote(wards: PublicWards): string {
  const years = [...new Set(wards.wards.flatMap((w) => (w.residentsYear === null ? [] : [w.residentsYear])))];
  if (years.length === 0) return 'No resident figures are loaded, so no rates are given.';
  return `Rates use the ONS mid-${years.join(' and mid-')} estimates of residents and the rounded counts.`;
}

export function WardTable({ wards, selectedWard, onSelectWard, months }: WardTableProps) {
  const { month, theme, label } = wards.meta;
  const end = months.indexOf(month);
  const from = months[Math.max(0, end - 11)] ?? month;
  return (
    <section className="public-section ward-table" aria-labelledby="ward-table-title">
      <h2 id="ward-table-title">
        {label}, {monthLabel(month, 'long')}, by ward
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Ward</th>
            <th scope="col" className="number">
              Incidents
            </th>
            <th scope="col" className="number">
              Per 1,000 residents
            </th>
          </tr>
        </thead>
        <tbody>
          {wards.wards.map((w) => (
            <tr key={w.code} className={w.code === selectedWard ? 'selected' : undefined}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onSelectWard(w.code)} aria-pressed={w.code === selectedWard}>
                  {w.name}
                </button>
              </th>
              <td className="number">{figureText(w)}</td>
              <td className="number">{rateText(w)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Borough</th>
            <td className="number">{figureText(wards.borough)}</td>
            <td className="number">{rateText(wards.borough)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="table-note">
        {residentsNote(wards)} No rate is given where the count is hidden
        {wards.wards.some((w) => w.residents === null) ? ' or the residents are not known' : ''}.
      </p>
      <p className="download">
        <a href={wardTableCsvUrl(theme, from, month)} download>
          Download the ward table, {monthLabel(from, 'long')} to {monthLabel(month, 'long')} (CSV)
        </a>
      </p>
    </section>
  );
}
