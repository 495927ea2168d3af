// Robbery near schools beside the map: the answer's own label as the heading, what it counts
// and when, why it fell back to any time (monthly data), which term dates are assumed, the
// ranked table (a click on a school marks it on the map), the notes and the caveats.
import { SchoolsKey } from './theme-legend';
import type { SchoolsRobberyResponse } from './theme-api';
import { categoriesInWords, hoursInWords, lowerFirst, schoolDaysInWords } from './theme-settings';
import { apiWindowInWords, assumedCalendarText, countedNoun, plural, signedChange, standsOutParts } from './theme-words';

export interface SchoolsPanelProps {
  response: SchoolsRobberyResponse;
  selectedUrn: string | null;
  onSelect: (urn: string | null) => void;
}

const PHASE_WORDS: Readonly<Record<string, string>> = {
  primary: 'Primary',
  secondary: 'Secondary',
  'all-through': 'All-through',
  special: 'Special',
  nursery: 'Nursery',
  '16-plus': '16 plus',
  independent: 'Independent',
  other: 'Other',
};

export function SchoolsPanel({ response, selectedUrn, onSelect }: SchoolsPanelProps) {
  const { meta, schools } = response;
  const noun = countedNoun(meta.categories);
  const monthly = meta.mode === 'any-time-monthly';
  // A comparison the answer leaves out: impossible on monthly data, or not part of the band asked.
  const missing = monthly ? 'cannot tell' : 'not asked';
  const band = monthly
    ? 'at any time'
    : [
        meta.hours === 'any' ? 'at any time of day' : hoursInWords(meta.hours),
        meta.schoolDays === 'any' ? null : schoolDaysInWords(meta.schoolDays).toLowerCase(),
      ]
        .filter((part) => part !== null)
        .join(', ');
  const calendarText = !monthly && meta.schoolDays !== 'any' ? assumedCalendarText(meta.calendar) : null;
  const standing = schools.filter((s) => s.aboveBoroughRate?.standsOut).length;
  const countHeader = `${noun.many.charAt(0).toUpperCase()}${noun.many.slice(1)}`;
  return (
    <section className="theme-panel" aria-labelledby="theme-heading">
      <h2 id="theme-heading" data-testid="theme-heading">
        {meta.label}
      </h2>
      <p className="window-text" data-testid="theme-window">
        {apiWindowInWords(meta)}: {lowerFirst(categoriesInWords(meta.categories))} within {plural(meta.bufferMeters, 'metre', 'metres')} of{' '}
        {plural(schools.length, 'open school', 'open schools')}, {band}.
      </p>
      {monthly && (
        <div className="data-end-note" role="note" data-testid="theme-monthly-note">
          <p>Shown: robbery near schools at any time, because the data is monthly.</p>
          {meta.notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </div>
      )}
      {calendarText && (
        <p className="data-end-note" role="note" data-testid="theme-calendar-note">
          {calendarText}
        </p>
      )}
      <SchoolsKey response={response} />
      <p className="theme-headline" data-testid="theme-headline">
        {standing === 0
          ? `No school stands out against the borough's average.`
          : `${plural(standing, 'school stands', 'schools stand')} out against the borough's average.`}
      </p>
      <div className="theme-table-scroll">
        <table className="theme-table" aria-label="Schools ranked">
          <caption className="visually-hidden">
            Schools ranked by {noun.many} nearby, {band}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                <span aria-hidden="true">#</span>
                <span className="visually-hidden">Rank</span>
              </th>
              <th scope="col">School</th>
              <th scope="col" className="num">
                {countHeader}
              </th>
              <th scope="col" className="num">
                Other days
              </th>
              <th scope="col" className="num">
                Other hours
              </th>
              <th scope="col" className="num">
                Previous period
              </th>
              <th scope="col" className="num">
                Change
              </th>
              <th scope="col">Stands out?</th>
            </tr>
          </thead>
          <tbody>
            {schools.map((school, k) => {
              const selected = school.urn === selectedUrn;
              const standsOut = school.aboveBoroughRate?.standsOut === true;
              const verdict = standsOutParts(school.aboveBoroughRate);
              return (
                <tr key={school.urn} className={`${selected ? 'selected' : ''} ${standsOut ? 'stands-out' : ''}`.trim()} aria-selected={selected}>
                  <td className="num">{k + 1}</td>
                  <td>
                    <button type="button" className="row-button" aria-pressed={selected} onClick={() => onSelect(selected ? null : school.urn)}>
                      {school.name}
                    </button>
                    <span className="row-sub">{PHASE_WORDS[school.phase] ?? school.phase}</span>
                  </td>
                  <td className="num strong">{school.count.toLocaleString('en-GB')}</td>
                  {[school.countNonSchoolDays, school.countOtherHours].map((value, c) =>
                    value === null ? (
                      <td key={c} className="num missing">
                        {missing}
                      </td>
                    ) : (
                      <td key={c} className="num">
                        {value.toLocaleString('en-GB')}
                      </td>
                    ),
                  )}
                  <td className="num">{school.previousPeriodCount.toLocaleString('en-GB')}</td>
                  <td className="num">{signedChange(school.change)}</td>
                  <td className={standsOut ? 'verdict-cell stands-out-cell' : 'verdict-cell'}>
                    {verdict.verdict}
                    {verdict.expected && <span className="row-sub"> {verdict.expected}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="fine-print" data-testid="theme-table-key">
        {countHeader}: {band}. Other days: the same hours on other days. Other hours: the other hours of the same days. Previous period:{' '}
        {apiWindowInWords(meta.previousPeriod)}, {band}. Counts are {noun.many} in the cells that cover each circle, so a cell near two schools counts for both.
        Expected: what the borough&apos;s average density would put in the school&apos;s cells; a school stands out when its count is clearly above that (exact
        binomial test, FDR-corrected).
      </p>
      {!monthly && meta.notes.length > 0 && (
        <ul className="notes" data-testid="theme-notes">
          {meta.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {meta.timeFilter?.note && <p className="fine-print">{meta.timeFilter.note}</p>}
      {meta.schoolsWithoutLocation > 0 && (
        <p className="fine-print">{plural(meta.schoolsWithoutLocation, 'open school has', 'open schools have')} no location and cannot be shown.</p>
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
