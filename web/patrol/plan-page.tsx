// One patrol plan on the officer's phone (decision 038): the day's progress, what waits to be
// sent, the next stop (area, times, the tasking's problem and tactics), the Arrived / Leaving
// button, a small map, and every stop of the shift. The taps live in local storage (visit-queue.ts).
import { useEffect, useMemo, useState } from 'react';
import { fetchPlan, type PatrolPlanAnswer } from './patrol-api';
import { PatrolMap } from './patrol-map';
import { clockText, dateText, instantClockText } from './patrol-words';
import { usePhoneRecord } from './use-phone-record';
import { nextStopIndex, waitingMessage, waitingVisits } from './visit-queue';

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; plan: PatrolPlanAnswer };

const cacheKey = (planId: number) => `tasking-map.patrol-plan-copy.${planId}`;

export function PlanPage({ planId, onSessionEnded }: { planId: number; onSessionEnded: () => void }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const phone = usePhoneRecord(planId);

  useEffect(() => {
    void fetchPlan(planId).then((result) => {
      if (result.ok) {
        // A copy on the phone, so a reload without signal still shows the plan.
        window.localStorage.setItem(cacheKey(planId), JSON.stringify(result.value));
        return setLoaded({ status: 'ready', plan: result.value });
      }
      if (result.reason.signedOut) return onSessionEnded();
      const copy = window.localStorage.getItem(cacheKey(planId));
      if (result.reason.status === 0 && copy) return setLoaded({ status: 'ready', plan: JSON.parse(copy) as PatrolPlanAnswer });
      setLoaded({ status: 'failed', message: result.reason.message });
    });
  }, [planId, onSessionEnded]);

  const { record } = phone;
  const plan = loaded.status === 'ready' ? loaded.plan : null;
  const done = useMemo(() => new Set(record.finished.map((f) => f.stopIndex)), [record]);
  const stops = useMemo(() => (plan ? plan.visits.map((v, index) => ({ index, point: v.point, done: done.has(index) })) : []), [plan, done]);

  if (loaded.status === 'loading') return <p className="patrol-main">Loading the plan…</p>;
  if (loaded.status === 'failed' || !plan) {
    return (
      <main className="patrol-main">
        <p role="alert">{loaded.status === 'failed' ? loaded.message : 'The plan could not be read.'}</p>
        <a className="patrol-link" href="/">
          Your patrols
        </a>
      </main>
    );
  }

  const next = nextStopIndex(record, plan.visits.length);
  const visit = next === null ? null : plan.visits[next]!;
  const tasking = visit ? plan.taskings.find((t) => t.id === visit.taskingId) : undefined;
  const waiting = waitingVisits(record).length;
  const message = waitingMessage(waiting, phone.online);
  const refused = record.finished.filter((f) => f.status === 'refused');
  const finishedCount = record.finished.length;

  return (
    <main className="patrol-main" aria-labelledby="plan-title">
      <h1 id="plan-title">
        {dateText(plan.date)}, {plan.shiftStart} to {plan.shiftEnd}
      </h1>
      <p className="patrol-progress" data-testid="patrol-progress">
        <span>
          Visits done: <strong>{finishedCount}</strong> of {plan.visits.length}
        </span>
        <progress max={plan.visits.length} value={finishedCount} aria-hidden="true" />
      </p>
      <div role="status" aria-live="polite" data-testid="patrol-queue" className={message ? 'patrol-waiting' : 'patrol-sent'}>
        {message ?? (finishedCount > 0 ? 'Every visit is sent.' : '')}
        {phone.lastProblem && <span> {phone.lastProblem}</span>}
      </div>
      {refused.map((f) => (
        <p key={f.clientRef} role="alert" className="patrol-refused">
          The visit to stop {f.stopIndex + 1} ({instantClockText(f.startedAt)} to {instantClockText(f.endedAt)}) was not stored: {f.message}
        </p>
      ))}

      {visit && next !== null ? (
        <section className="patrol-stop" aria-labelledby="stop-title">
          <p className="patrol-stop-number">
            {record.arrived ? 'At stop' : 'Next stop'} {next + 1} of {plan.visits.length}
          </p>
          <h2 id="stop-title">{visit.area}</h2>
          <p className="patrol-times">
            Arrive {clockText(visit.arriveAt)}, leave {clockText(visit.leaveAt)}
          </p>
          {record.arrived ? (
            <>
              <p className="patrol-arrived">You arrived at {instantClockText(record.arrived.startedAt)}.</p>
              <button type="button" className="patrol-button patrol-leaving" onClick={phone.onLeaving}>
                Leaving
              </button>
            </>
          ) : (
            <button type="button" className="patrol-button patrol-arrive" onClick={() => phone.onArrived({ stopIndex: next, taskingId: visit.taskingId })}>
              Arrived
            </button>
          )}
          <PatrolMap
            route={plan.route.coordinates as [number, number][]}
            stops={stops}
            nextIndex={next}
            focusCells={tasking?.cells ?? []}
            focusKey={`${plan.id}:${next}`}
          />
          {tasking && (
            <dl className="patrol-notes">
              <dt>Problem</dt>
              <dd>{tasking.problem}</dd>
              {tasking.tactics.length > 0 && (
                <>
                  <dt>Tactics</dt>
                  <dd>{tasking.tactics.join(', ')}</dd>
                </>
              )}
            </dl>
          )}
        </section>
      ) : (
        <section className="patrol-stop">
          <h2>All stops done</h2>
          <p>Every visit of this shift is logged{waiting > 0 ? '; some still wait to be sent (above)' : ''}. Walk back to the start.</p>
        </section>
      )}

      <h2 className="patrol-all">The shift&apos;s stops</h2>
      <ol className="patrol-stops">
        {plan.visits.map((v, index) => (
          <li key={index} className={done.has(index) ? 'done' : index === next ? 'next' : ''}>
            <span className="patrol-stop-time">
              {clockText(v.arriveAt)} to {clockText(v.leaveAt)}
            </span>{' '}
            {v.area}
            {done.has(index) && <span className="patrol-tick"> (done)</span>}
          </li>
        ))}
      </ol>
      <a className="patrol-link" href="/">
        Your patrols
      </a>
    </main>
  );
}
