// The briefing's visit schedule: one row per visit, numbered as the stops on the route map,
// with the break where it falls and the walk back to the start.
import type { ReactNode } from 'react';
import type { BriefingResponse } from './briefing-api';

type Plan = BriefingResponse['plan'];

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const WEEKDAY_FORMAT = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });

/** 'Friday 19 June 2026' for '2026-06-19'. */
export function dateText(isoDate: string): string {
  return DATE_FORMAT.format(new Date(`${isoDate}T00:00:00Z`));
}

/** 'HH:MM' of a London wall-clock 'YYYY-MM-DDTHH:MM', with the weekday when it is not the plan's date (after midnight). */
export function clockText(wallClock: string, planDate: string): string {
  const day = wallClock.slice(0, 10);
  const time = wallClock.slice(11, 16);
  return day === planDate ? time : `${time} (${WEEKDAY_FORMAT.format(new Date(`${day}T00:00:00Z`))})`;
}

const minutesBetween = (from: string, to: string) => Math.round((Date.parse(`${to}:00Z`) - Date.parse(`${from}:00Z`)) / 60_000);

export function BriefingSchedule({ plan }: { plan: Plan }) {
  const breakAfter = plan.break?.afterVisits ?? -1;
  const breakRow = plan.break && (
    <tr className="schedule-break" key="break">
      <td />
      <td>Break{breakAfter === 0 ? ' at the start' : ''}</td>
      <td>{clockText(plan.break.startAt, plan.date)}</td>
      <td>{clockText(plan.break.endAt, plan.date)}</td>
      <td>{plan.break.minutes}</td>
      <td />
    </tr>
  );
  return (
    <section className="briefing-schedule" aria-labelledby="briefing-schedule-title">
      <h2 id="briefing-schedule-title">Schedule</h2>
      <table data-testid="briefing-schedule">
        <thead>
          <tr>
            <th scope="col">Stop</th>
            <th scope="col">Area</th>
            <th scope="col">Arrive</th>
            <th scope="col">Leave</th>
            <th scope="col">Min there</th>
            <th scope="col">Walk before</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>S</td>
            <td>Start</td>
            <td />
            <td>{clockText(plan.shift.startAt, plan.date)}</td>
            <td />
            <td />
          </tr>
          {breakAfter === 0 && breakRow}
          {plan.visits.map((visit, k) => (
            <VisitRows
              key={`${visit.taskingId}-${visit.arriveAt}`}
              number={k + 1}
              visit={visit}
              planDate={plan.date}
              after={k + 1 === breakAfter ? breakRow : null}
            />
          ))}
          <tr>
            <td>S</td>
            <td>Back at the start</td>
            <td>{clockText(plan.shift.returnAt, plan.date)}</td>
            <td />
            <td />
            <td>{plan.shift.returnWalkMinutes} min</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function VisitRows({ number, visit, planDate, after }: { number: number; visit: Plan['visits'][number]; planDate: string; after: ReactNode }) {
  return (
    <>
      <tr>
        <td className="schedule-number">{number}</td>
        <td>
          {visit.area}
          {visit.visitNumber > 1 ? ` (visit ${visit.visitNumber})` : ''}
        </td>
        <td>{clockText(visit.arriveAt, planDate)}</td>
        <td>{clockText(visit.leaveAt, planDate)}</td>
        <td>{minutesBetween(visit.arriveAt, visit.leaveAt)}</td>
        <td>
          {visit.walkMinutes} min{visit.walkMeters > 0 ? `, ${(visit.walkMeters / 1000).toFixed(1)} km` : ''}
        </td>
      </tr>
      {after}
    </>
  );
}
