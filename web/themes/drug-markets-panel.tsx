// Drug markets beside the map: the caveat that searches and drug offences measure police
// activity (always shown with the layer), the windows the persistence is judged over, the
// borough-wide positive outcome rate, the hotspot table (a click marks the hotspot on the map),
// the notes, and how the index is made.
import { DrugKey } from './theme-legend';
import type { DrugMarketsResponse } from './theme-api';
import { hotspotName } from './theme-layers';
import { lowerFirst } from './theme-settings';
import { apiWindowInWords, boroughRateSentence, oneDecimal, persistenceWindowsText, plural, rateCell } from './theme-words';

export interface DrugMarketsPanelProps {
  response: DrugMarketsResponse;
  selectedHotspot: number | null;
  onSelect: (id: number | null) => void;
}

const PERSISTENCE_WORDS: Readonly<Record<string, string>> = { persistent: 'Persistent', new: 'New', fading: 'Fading' };

/** The caveat about police activity, said first and always; the others follow the table. */
const POLICE_ACTIVITY = /police activity/i;

export function DrugMarketsPanel({ response, selectedHotspot, onSelect }: DrugMarketsPanelProps) {
  const { meta, summary, hotspots } = response;
  const activity = meta.caveats.filter((c) => POLICE_ACTIVITY.test(c));
  const others = meta.caveats.filter((c) => !POLICE_ACTIVITY.test(c));
  const lastWindow = meta.windows.at(-1);
  const averageIndex = meta.components.filter((c) => meta.scales.some((s) => s.id === c.id && s.meanPerCell !== null)).reduce((sum, c) => sum + c.weight, 0);
  return (
    <section className="theme-panel" aria-labelledby="theme-heading">
      <h2 id="theme-heading" data-testid="theme-heading">
        {meta.label}
      </h2>
      <p className="window-text" data-testid="theme-window">
        {lastWindow ? apiWindowInWords(lastWindow) : apiWindowInWords(meta)}; persistence judged over {persistenceWindowsText(meta.windows, meta.windowLength)}.
      </p>
      {activity.map((caveat) => (
        <p key={caveat} className="data-end-note police-activity" role="note" data-testid="theme-police-activity">
          {caveat}
        </p>
      ))}
      <p className="theme-headline" data-testid="theme-headline">
        {plural(summary.persistent, 'persistent cell', 'persistent cells')}, {plural(summary.new, 'new', 'new')} and{' '}
        {plural(summary.fading, 'fading', 'fading')}; {plural(summary.hotCells, 'hot cell', 'hot cells')} of {plural(summary.studyCells, 'cell', 'cells')} in
        the borough, in {plural(hotspots.length, 'hotspot', 'hotspots')}.
      </p>
      <DrugKey response={response} />
      <p data-testid="theme-borough-rate">{boroughRateSentence(summary.boroughPositiveOutcome, meta.positiveOutcomeLabel)}</p>
      {hotspots.length === 0 ? (
        <p>No hot cells in this window, so no hotspots.</p>
      ) : (
        <div className="theme-table-scroll">
          <table className="theme-table" aria-label="Drug-market hotspots">
            <thead>
              <tr>
                <th scope="col">Hotspot</th>
                <th scope="col" className="num">
                  Cells
                </th>
                <th scope="col">Persistence</th>
                <th scope="col" className="num">
                  Drug-market index
                </th>
                <th scope="col" className="num">
                  Drug searches
                </th>
                <th scope="col" className="num">
                  Searches with an {meta.positiveOutcomeLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {hotspots.map((hotspot) => {
                const selected = hotspot.id === selectedHotspot;
                return (
                  <tr
                    key={hotspot.id}
                    className={`${selected ? 'selected' : ''} ${hotspot.persistence === 'persistent' ? 'stands-out' : ''}`.trim()}
                    aria-selected={selected}
                  >
                    <td>
                      <button type="button" className="row-button nowrap" aria-pressed={selected} onClick={() => onSelect(selected ? null : hotspot.id)}>
                        {hotspotName(hotspot.id)}
                      </button>
                    </td>
                    <td className="num">{plural(hotspot.cells.length, 'cell', 'cells')}</td>
                    <td>{hotspot.persistence ? PERSISTENCE_WORDS[hotspot.persistence] : 'Hot now only'}</td>
                    <td className="num">{oneDecimal(hotspot.index)}</td>
                    <td className="num">{plural(hotspot.searches, 'search', 'searches')}</td>
                    <td className={hotspot.positiveOutcome.rate === null ? 'num missing' : 'num'}>{rateCell(hotspot.positiveOutcome)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="fine-print" data-testid="theme-index-rule">
        Drug-market index: {meta.components.map((c) => `${lowerFirst(c.label)} (weight ${oneDecimal(c.weight)})`).join(', ')}. {meta.indexRule} A cell at the
        borough&apos;s average scores {oneDecimal(averageIndex)}; a hotspot&apos;s index adds up its cells. Searches and rates are for{' '}
        {lastWindow ? apiWindowInWords(lastWindow) : 'the window'}.
      </p>
      {meta.notes.length > 0 && (
        <ul className="notes" data-testid="theme-notes">
          {meta.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <h3>Caveats</h3>
      <ul className="notes caveats" data-testid="theme-caveats">
        {others.map((caveat) => (
          <li key={caveat}>{caveat}</li>
        ))}
      </ul>
    </section>
  );
}
