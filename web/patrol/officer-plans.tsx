// An officer's plans from today on, each a link to its phone page: large rows, one tap each.
import { useEffect, useState } from 'react';
import { fetchOwnPlans, type PatrolPlanAnswer } from './patrol-api';
import { dateText, londonDate } from './patrol-words';

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; plans: PatrolPlanAnswer[] };

export function OfficerPlans({ onSessionEnded }: { onSessionEnded: () => void }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    void fetchOwnPlans(londonDate(new Date())).then((result) => {
      if (result.ok)
        setLoaded({ status: 'ready', plans: [...result.value].sort((a, b) => `${a.date}${a.shiftStart}`.localeCompare(`${b.date}${b.shiftStart}`)) });
      else if (result.reason.signedOut) onSessionEnded();
      else setLoaded({ status: 'failed', message: result.reason.message });
    });
  }, [onSessionEnded]);

  return (
    <main className="patrol-main" aria-labelledby="plans-title">
      <h1 id="plans-title">Your patrols</h1>
      {loaded.status === 'loading' && <p>Loading your patrols…</p>}
      {loaded.status === 'failed' && <p role="alert">{loaded.message}</p>}
      {loaded.status === 'ready' && loaded.plans.length === 0 && <p>No patrol plan names you for today or the next days. Ask your planner.</p>}
      {loaded.status === 'ready' && loaded.plans.length > 0 && (
        <ul className="patrol-plan-list">
          {loaded.plans.map((p) => (
            <li key={p.id}>
              <a href={`/patrol/${p.id}`}>
                <strong>
                  {dateText(p.date)}, {p.shiftStart} to {p.shiftEnd}
                </strong>
                <span>
                  {p.visits.length} stop{p.visits.length === 1 ? '' : 's'}: {[...new Set(p.visits.map((v) => v.area))].join(', ')}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
