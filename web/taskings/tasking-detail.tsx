// One tasking: its record, its results (before/during chart, WDQ, relative effect size, the
// verdict in plain words), delivered dosage and visits (log one here), the decision at review,
// and the history of every change.
import { useCallback, useEffect, useState } from 'react';
import { describeBand } from '../../geo/taskings/time-bands';
import { londonWallClock } from '../../geo/time';
import type { ApiFailure } from '../api-client';
import {
  fetchTasking,
  fetchTaskingHistory,
  fetchTaskingResults,
  fetchTaskingVisits,
  type Tasking,
  type TaskingHistory,
  type TaskingOptions,
  type TaskingResults,
  type TaskingVisits,
} from './tasking-api';
import { DecisionForm } from './decision-form';
import { ResultsChart } from './results-chart';
import { addDays } from './tasking-draft';
import { dayText, londonTimeText, reviewText, StatusBadge, tacticLabelOf, teamLabelOf } from './tasking-words';
import { VisitForm } from './visit-form';

interface Loaded {
  tasking: Tasking;
  results: TaskingResults | null;
  visits: TaskingVisits['visits'];
  history: TaskingHistory['events'];
}

export interface TaskingDetailProps {
  id: number;
  role: string;
  userName: string;
  options: TaskingOptions | null;
  today: string;
  onBack: () => void;
  onEdit: (tasking: Tasking) => void;
  /** Something changed (a visit, a decision): the list and the outlines need fetching again. */
  onChanged: () => void;
  onSessionEnded: () => void;
}

const share = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);
const fixed = (value: number | null) => (value === null ? '—' : value.toFixed(2));

export function TaskingDetail({ id, role, userName, options, today, onBack, onEdit, onChanged, onSessionEnded }: TaskingDetailProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const canDecide = role === 'chair' || role === 'analyst';

  useEffect(() => {
    let cancelled = false;
    void Promise.all([fetchTasking(id), fetchTaskingResults(id), fetchTaskingVisits(id), fetchTaskingHistory(id)]).then(
      ([tasking, results, visits, history]) => {
        if (cancelled) return;
        const refused = [tasking, results, visits, history].find((r) => !r.ok);
        if (refused && !refused.ok && refused.reason.signedOut) return onSessionEnded();
        if (!tasking.ok) return setFailure(tasking.reason);
        setFailure(null);
        setLoaded({
          tasking: tasking.value.tasking,
          results: results.ok ? results.value : null,
          visits: visits.ok ? visits.value.visits : [],
          history: history.ok ? history.value.events : [],
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [id, generation, onSessionEnded]);

  const changed = () => {
    reload();
    onChanged();
  };

  if (failure) {
    return (
      <section className="tasking-detail">
        <button type="button" onClick={onBack}>
          ‹ All taskings
        </button>
        <p role="alert">This tasking could not load: {failure.message}</p>
      </section>
    );
  }
  if (!loaded) return <p>Loading the tasking…</p>;
  const { tasking, results, visits, history } = loaded;
  const dosage = results?.dosage ?? null;
  return (
    <section className="tasking-detail" aria-labelledby="tasking-title" data-testid="tasking-detail">
      <div className="column-head">
        <button type="button" onClick={onBack}>
          ‹ All taskings
        </button>
        {tasking.status !== 'closed' && (
          <button type="button" onClick={() => onEdit(tasking)}>
            {canDecide ? 'Edit' : 'Edit team and dosage'}
          </button>
        )}
      </div>
      <h2 id="tasking-title">{tasking.title}</h2>
      <p className="tasking-meta">
        <StatusBadge status={tasking.status} /> {teamLabelOf(tasking.team, options)} · owner {tasking.ownerName} ·{' '}
        {reviewText(tasking.status, tasking.daysToReview)}
      </p>

      {results && (
        <section className="tasking-results" aria-labelledby="results-title" data-testid="tasking-results">
          <h3 id="results-title">Results</h3>
          <p className={`verdict verdict-${results.verdict.code}`} data-testid="tasking-verdict">
            {results.summary}
          </p>
          {results.counts && results.periods && results.changes && (
            <ResultsChart
              beforeText={`${dayText(results.periods.before.from)} – ${dayText(addDays(results.periods.before.to, -1))}`}
              duringText={`${dayText(results.periods.during.from)} – ${dayText(addDays(results.periods.during.to, -1))}`}
              pairs={[
                { label: 'Tasked area', ...results.counts.response, change: results.changes.response },
                { label: 'Buffer', ...results.counts.buffer, change: results.changes.buffer },
                { label: 'Control', ...results.counts.control, change: results.changes.control },
              ]}
            />
          )}
          <dl className="facts">
            <div>
              <dt>Verdict</dt>
              <dd>{results.verdict.text}</dd>
            </div>
            <div>
              <dt>Displacement (WDQ)</dt>
              <dd data-testid="tasking-wdq">
                {results.wdq === null || results.wdqReading.code === null ? results.wdqReading.text : `${fixed(results.wdq)}: ${results.wdqReading.text}`}
              </dd>
            </div>
            <div>
              <dt>Relative effect size</dt>
              <dd>
                {results.res.value === null
                  ? `not defined: ${results.res.reason}`
                  : `${fixed(results.res.value)} (95% interval ${fixed(results.res.low)} to ${fixed(results.res.high)}); above 1 means the tasked area improved relative to the control`}
              </dd>
            </div>
            {results.periods && (
              <div>
                <dt>Compared</dt>
                <dd>{results.periods.compared}</dd>
              </div>
            )}
            <div>
              <dt>Control</dt>
              <dd>
                {results.areas.control.description}; buffer: {results.areas.buffer.rings} ring of cells around the tasked area
              </dd>
            </div>
          </dl>
          {results.notes.length > 0 && (
            <ul className="notes">
              {results.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </section>
      )}

      {dosage && (
        <section aria-labelledby="dosage-title">
          <h3 id="dosage-title">Dosage</h3>
          <p data-testid="tasking-dosage">
            Delivered {dosage.deliveredVisits} visit{dosage.deliveredVisits === 1 ? '' : 's'}, {dosage.deliveredMinutes} minutes
            {dosage.plannedMinutes !== null
              ? ` of ${dosage.plannedMinutes} planned (${share(dosage.deliveredShare)}; ${dosage.plannedVisits} visits planned)`
              : ' (no dosage planned)'}
            {dosage.from ? `, ${dayText(dosage.from)} to ${dayText(dosage.through)}` : ''}.
          </p>
          <p className="fine-print">
            Koper length (10-16 minutes): {share(dosage.koperShare)} of visits. Inside the time bands: {share(dosage.inBandsShare)}.
          </p>
        </section>
      )}

      <section aria-labelledby="visits-title">
        <h3 id="visits-title">Visits</h3>
        {visits.length === 0 ? (
          <p>No visits logged yet.</p>
        ) : (
          <table className="visits" data-testid="tasking-visits">
            <thead>
              <tr>
                <th scope="col">Start (London)</th>
                <th scope="col">Minutes</th>
                <th scope="col">Officer</th>
              </tr>
            </thead>
            <tbody>
              {visits.map((v) => (
                <tr key={v.id}>
                  <td>{londonTimeText(v.startedAtLondon)}</td>
                  <td>
                    {v.minutes}
                    {v.koperLength ? '' : ' (outside 10-16)'}
                  </td>
                  <td>{v.officer}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tasking.status !== 'proposed' && <VisitForm taskingId={tasking.id} officer={userName} today={today} onLogged={changed} />}
      </section>

      {canDecide && tasking.status !== 'closed' && <DecisionForm tasking={tasking} today={today} onDecided={changed} />}

      <section aria-labelledby="record-title">
        <h3 id="record-title">The tasking</h3>
        <dl className="facts">
          <div>
            <dt>Theme</dt>
            <dd>{tasking.themeLabel}</dd>
          </div>
          <div>
            <dt>Problem</dt>
            <dd>{tasking.problem}</dd>
          </div>
          <div>
            <dt>Objective</dt>
            <dd>{tasking.objective}</dd>
          </div>
          <div>
            <dt>Dates</dt>
            <dd>
              {dayText(tasking.startDate)} to {tasking.endDate ? dayText(tasking.endDate) : 'no end set'}; review {dayText(tasking.reviewDate)}
            </dd>
          </div>
          <div>
            <dt>Area</dt>
            <dd>
              {tasking.cells.length} cell{tasking.cells.length === 1 ? '' : 's'} (H3 {tasking.resolution}){tasking.polygon ? ', from a drawn shape' : ''}
            </dd>
          </div>
          <div>
            <dt>When</dt>
            <dd>{tasking.timeBands.length === 0 ? 'any time' : tasking.timeBands.map(describeBand).join('; ')}</dd>
          </div>
          <div>
            <dt>Tactics</dt>
            <dd>{tasking.tactics.map((t) => tacticLabelOf(t, options)).join(', ')}</dd>
          </div>
          <div>
            <dt>Planned dosage</dt>
            <dd>
              {tasking.plannedDosage ? `${tasking.plannedDosage.visitsPerDay} visits a day of ${tasking.plannedDosage.minutesPerVisit} minutes` : 'none set'}
            </dd>
          </div>
          <div>
            <dt>Evidence</dt>
            <dd>
              {tasking.evidence.total} incidents in {dayText(tasking.evidence.window.from)} – {dayText(addDays(tasking.evidence.window.to, -1))};{' '}
              {tasking.evidence.hotCells} of {tasking.evidence.cells.length} cells significant hot spots (Gi* 95%+) when tasked
              {tasking.evidence.note ? `. ${tasking.evidence.note}` : ''}
            </dd>
          </div>
        </dl>
        {tasking.warnings.length > 0 && (
          <ul className="warnings" data-testid="tasking-warnings">
            {tasking.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </section>

      <details className="history" data-testid="tasking-history">
        <summary>History ({history.length})</summary>
        <ol>
          {history.map((event, k) => (
            <li key={k}>
              <strong>{londonTimeText(londonWallClock(new Date(event.at)))}</strong> {event.user.name}: {describeEvent(event)}
            </li>
          ))}
        </ol>
      </details>
      <p className="fine-print">Version {tasking.version}</p>
    </section>
  );
}

const FIELD_WORDS: Record<string, string> = {
  title: 'title',
  theme: 'theme',
  categories: 'categories',
  problem: 'problem',
  objective: 'objective',
  h3Resolution: 'cell size',
  cells: 'area',
  polygon: 'drawn shape',
  timeBands: 'time bands',
  startDate: 'start date',
  reviewDate: 'review date',
  endDate: 'end date',
  tactics: 'tactics',
  team: 'team',
  owner: 'owner',
  plannedDosage: 'planned dosage',
  status: 'status',
};

const brief = (value: unknown) => {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object' && 'visitsPerDay' in value && 'minutesPerVisit' in value)
    return `${String(value.visitsPerDay)} × ${String(value.minutesPerVisit)} min`;
  return JSON.stringify(value);
};

/** An event in words: 'created', 'decided continue: "note"', 'changed title from A to B'. */
export function describeEvent(event: TaskingHistory['events'][number]): string {
  const changes = event.changes;
  if (event.action === 'create') return 'created the tasking';
  if (event.action === 'visit') {
    const visit = changes['visit']?.after;
    return visit && typeof visit === 'object' && 'officer' in visit ? `logged a visit by ${String(visit.officer)}` : 'logged a visit';
  }
  const fields = Object.entries(changes).filter(([key]) => key !== 'decision' && key !== 'note');
  const listed = fields.map(([key, c]) => `${FIELD_WORDS[key] ?? key} from ${brief(c.before)} to ${brief(c.after)}`).join('; ');
  if (event.action === 'decision') {
    return `decided ${brief(changes['decision']?.after)}: “${brief(changes['note']?.after)}”${listed ? ` (${listed})` : ''}`;
  }
  return `changed ${listed}`;
}
