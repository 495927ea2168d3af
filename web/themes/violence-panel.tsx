// Serious violence beside the map: which definition is shown (the partnership's, on partner
// data with flags, or police.uk's monthly approximation) and what it counts, the tasking view's
// total against the borough's (domestic abuse at home left out or counted), the map key, the
// hotspots (named by ward, a click marks one on the map) with when to be there, the profile,
// the notes and the caveats.
import { busiestHours, hourBandText } from '../hour-grid';
import type { SeriousViolenceResponse } from './theme-api';
import { hotspotName } from './theme-layers';
import { ViolenceKey } from './theme-legend';
import { apiWindowInWords, dwellingsSentence, percent, plural } from './theme-words';
import { ViolenceProfile } from './violence-profile';

export interface ViolencePanelProps {
  response: SeriousViolenceResponse;
  selectedHotspot: number | null;
  onSelect: (id: number | null) => void;
  /** The ward (or other named area) a group of cells lies in, when known. */
  placeOf: (cells: readonly string[]) => string | null;
}

export function ViolencePanel({ response, selectedHotspot, onSelect, placeOf }: ViolencePanelProps) {
  const { meta, totals, hotspots, profile } = response;
  const partner = meta.definition === 'partner';
  // Monthly data has no hours: the column would say so on every row.
  const timed = profile.total > profile.withoutTime;
  const hotCells = hotspots.reduce((sum, h) => sum + h.cells.length, 0);
  const inHotspots = hotspots.reduce((sum, h) => sum + h.count, 0);
  return (
    <section className="theme-panel" aria-labelledby="theme-heading">
      <h2 id="theme-heading" data-testid="theme-heading">
        {meta.label}
      </h2>
      <p className="window-text" data-testid="theme-window">
        {apiWindowInWords(meta)}
      </p>
      <p className={partner ? 'definition-note' : 'definition-note approximation'} role="note" data-testid="theme-definition">
        <strong>{partner ? "The partnership's definition." : 'An approximation.'}</strong> Counted: {meta.definitionRule}
      </p>
      <p className="theme-headline" data-testid="theme-headline">
        {plural(totals.layer, 'incident', 'incidents')} on the map;{' '}
        {hotspots.length === 0
          ? 'no hot cells in this window.'
          : `${plural(hotCells, 'hot cell', 'hot cells')} in ${plural(hotspots.length, 'hotspot', 'hotspots')} hold ${plural(inHotspots, 'incident', 'incidents')} (${percent(totals.layer > 0 ? inHotspots / totals.layer : 0)}).`}
      </p>
      <p data-testid="theme-dwellings">{dwellingsSentence(response)}</p>
      <ViolenceKey response={response} />
      {hotspots.length > 0 && (
        <div className="theme-table-scroll">
          <table className="theme-table" aria-label="Serious violence hotspots">
            <thead>
              <tr>
                <th scope="col">Hotspot</th>
                <th scope="col">Wards</th>
                <th scope="col" className="num">
                  Cells
                </th>
                <th scope="col" className="num">
                  Incidents
                </th>
                {partner && (
                  <th scope="col" className="num">
                    Victim under 25
                  </th>
                )}
                {timed && <th scope="col">Busiest three hours</th>}
              </tr>
            </thead>
            <tbody>
              {hotspots.map((hotspot) => {
                const selected = hotspot.id === selectedHotspot;
                const band = busiestHours(hotspot.byHour);
                return (
                  <tr key={hotspot.id} className={selected ? 'selected' : undefined} aria-selected={selected}>
                    <td>
                      <button type="button" className="row-button nowrap" aria-pressed={selected} onClick={() => onSelect(selected ? null : hotspot.id)}>
                        {hotspotName(hotspot.id)}
                      </button>
                    </td>
                    <td>{placeOf(hotspot.cells) ?? '—'}</td>
                    <td className="num">{plural(hotspot.cells.length, 'cell', 'cells')}</td>
                    <td className="num">{plural(hotspot.count, 'incident', 'incidents')}</td>
                    {partner && <td className="num">{plural(hotspot.victimUnder25, 'incident', 'incidents')}</td>}
                    {timed && <td className={band ? undefined : 'missing'}>{band ? `${hourBandText(band)} (${percent(band.share)})` : 'none with a time'}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ViolenceProfile profile={profile} partner={partner} window={meta} />
      {meta.notes.length > 0 && (
        <ul className="notes" data-testid="theme-notes">
          {meta.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <h3>Caveats</h3>
      <ul className="notes caveats" data-testid="theme-caveats">
        {meta.caveats.map((caveat) => (
          <li key={caveat}>{caveat}</li>
        ))}
      </ul>
    </section>
  );
}
