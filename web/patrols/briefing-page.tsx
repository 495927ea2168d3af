// The printed patrol briefing (issue 13, decision 039), /patrol-plans/:id/briefing: A4 portrait,
// readable in black and white. The header, the route map with stops numbered as the schedule,
// the schedule, what the shift cannot deliver, and a block per tasked area: the problem, what to
// look for, tactics, time bands, dosage and the Koper guidance, and when its incidents happened.
// The PDF route prints this page in headless Chromium once it says data-print-state="ready".
import { useEffect, useState } from 'react';
import type { ApiFailure } from '../api-client';
import { busiestHours, hourBandText } from '../hour-grid';
import { WhenTable } from '../when-grid';
import { briefingPdfHref, fetchBriefing, fetchBriefingOutlines, type BriefingArea, type BriefingOutlines, type BriefingResponse } from './briefing-api';
import { BriefingRouteMap } from './briefing-route-map';
import { BriefingSchedule, clockText, dateText } from './briefing-schedule';
import './briefing.css';

type Loaded = { status: 'loading' } | { status: 'failed'; failure: ApiFailure } | { status: 'ready'; briefing: BriefingResponse; outlines: BriefingOutlines };

export default function BriefingPage({ planId }: { planId: number }) {
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void Promise.all([fetchBriefing(planId), fetchBriefingOutlines()]).then(([briefing, outlines]) => {
      if (!live) return;
      if (!briefing.ok) setState({ status: 'failed', failure: briefing.reason });
      else if (!outlines.ok) setState({ status: 'failed', failure: outlines.reason });
      else setState({ status: 'ready', briefing: briefing.value, outlines: outlines.value });
    });
    return () => {
      live = false;
    };
  }, [planId]);
  useTitle(state.status === 'ready' ? `Patrol briefing: ${state.briefing.teamLabel}, ${dateText(state.briefing.plan.date)}` : 'Patrol briefing');

  if (state.status === 'loading')
    return (
      <p className="page-message" data-print-state="loading">
        Loading the briefing…
      </p>
    );
  if (state.status === 'failed') {
    return (
      <p className="page-message" role="alert" data-print-state="failed" data-print-error={state.failure.message}>
        The briefing could not load: {state.failure.message}
      </p>
    );
  }
  const { briefing, outlines } = state;
  const { plan } = briefing;
  return (
    <main className="briefing" data-print-state="ready">
      <nav className="briefing-tools" aria-label="Briefing">
        <a href="/patrols">Back to the patrol plans</a>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <a href={briefingPdfHref(plan.id)} download>
          Download PDF
        </a>
      </nav>
      <header className="briefing-header">
        <h1>Patrol briefing</h1>
        <dl className="briefing-facts">
          <dt>Team</dt>
          <dd>{briefing.teamLabel}</dd>
          <dt>Date</dt>
          <dd>{dateText(plan.date)}</dd>
          <dt>Shift</dt>
          <dd>
            {plan.shiftStart}–{plan.shiftEnd}
            {plan.break ? `, break ${clockText(plan.break.startAt, plan.date)}–${clockText(plan.break.endAt, plan.date)}` : ', no break'}
          </dd>
          <dt>Officers</dt>
          <dd>{plan.officers.join(', ')}</dd>
          <dt>Start and finish</dt>
          <dd>{briefing.base ? briefing.base.name : `${plan.start[1].toFixed(5)}, ${plan.start[0].toFixed(5)} (latitude, longitude)`} (S on the map)</dd>
          <dt>In all</dt>
          <dd>
            {plan.visits.length} visits, {plan.totals.patrolMinutes} min in the areas, {plan.totals.walkMinutes} min walking ({plan.totals.kilometres} km)
          </dd>
        </dl>
        <p className="fine-print">
          Plan {plan.id}, version {plan.version}, planned by {plan.updatedBy.replace(/^(user|token):/, '')}.
        </p>
      </header>

      <section className="briefing-map" aria-labelledby="briefing-map-title">
        <h2 id="briefing-map-title">Route</h2>
        <BriefingRouteMap briefing={briefing} outlines={outlines} />
        <ol className="briefing-map-key">
          {briefing.areas.map((area) => (
            <li key={area.taskingId}>
              <span className="stop-numbers">{area.visitNumbers.length > 0 ? area.visitNumbers.join('·') : '–'}</span> {area.title}
            </li>
          ))}
        </ol>
        <p className="fine-print">
          Hatched: the tasked cells. Line: the walking route from S and back, stops numbered in the order of the schedule. Straight lines between stops; walking
          times allow for the streets.
        </p>
      </section>

      <BriefingSchedule plan={plan} />

      <section className="briefing-shortfalls" aria-labelledby="briefing-shortfalls-title">
        <h2 id="briefing-shortfalls-title">What this shift cannot deliver</h2>
        {plan.shortfalls.length === 0 ? (
          <p>Nothing: every area gets the visits its tasking asks for in this shift.</p>
        ) : (
          <ul>
            {plan.shortfalls.map((s) => (
              <li key={s.taskingId}>{s.message}.</li>
            ))}
          </ul>
        )}
        {[...plan.notes, ...briefing.notes].length > 0 && (
          <ul className="fine-print">
            {[...plan.notes, ...briefing.notes].map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
      </section>

      <div className="briefing-stops">
        {briefing.areas.map((area) => (
          <StopBlock key={area.taskingId} area={area} />
        ))}
      </div>
    </main>
  );
}

function useTitle(title: string) {
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
}

function StopBlock({ area }: { area: BriefingArea }) {
  const heading =
    area.visitNumbers.length === 0
      ? `Not visited: ${area.title}`
      : `${area.visitNumbers.length === 1 ? 'Stop' : 'Stops'} ${area.visitNumbers.join(', ')}: ${area.title}`;
  const busiest = busiestHours(area.incidents.byHour);
  const { incidents } = area;
  return (
    <section className="briefing-stop" aria-label={heading} data-testid="briefing-stop">
      <h2>{heading}</h2>
      <dl className="stop-facts">
        <dt>Problem</dt>
        <dd>{area.problem}</dd>
        <dt>What to look for</dt>
        <dd>{area.objective}</dd>
        <dt>Tactics</dt>
        <dd>{area.tactics.map((t) => t.label).join(', ') || 'None named'}</dd>
        <dt>When</dt>
        <dd>{area.timeBandsText}</dd>
        <dt>Dosage</dt>
        <dd>
          {area.dosageText} {area.koper}
          {area.warnings.map((w) => (
            <span key={w} className="stop-warning">
              {' '}
              {w}
            </span>
          ))}
        </dd>
        {area.shortfall && (
          <>
            <dt>This shift</dt>
            <dd className="stop-warning">{area.shortfall}.</dd>
          </>
        )}
      </dl>
      <h3>
        When: {incidents.total} {incidents.total === 1 ? 'incident' : 'incidents'} in the {incidents.weeks} weeks {dateText(incidents.from)} to{' '}
        {dateText(dayBefore(incidents.to))}
      </h3>
      {busiest && (
        <p>
          Busiest three hours: {hourBandText(busiest)} ({busiest.count} of {incidents.total - incidents.withoutTime} with a time of day).
        </p>
      )}
      <WhenTable grid={incidents.hourByWeekday} note={incidents.note} testId={`briefing-when-${area.taskingId}`} showCounts />
    </section>
  );
}

function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
