// The planner's Patrols page (issue 13): choose team, date and shift, plan it from the team's
// running taskings, see the route and numbered stops on the map with each stop's times, reorder
// or drop visits by hand (the times recompute at once with the server's own rules, geo/patrols)
// and save. Other staff read plans here; only planners change them (the server says so too).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PatrolShift } from '../../geo/patrols/patrol-input';
import type { PatrolPlan } from '../../geo/patrols/plan-output';
import { scheduleInOrder } from '../../geo/patrols/schedule-in-order';
import { stopOfTasking } from '../../geo/patrols/tasking-stop';
import { londonWallClock } from '../../geo/time';
import { fetchAreas, fetchMapConfig, type User } from '../api-client';
import { AREA_KINDS, EMPTY_AREAS, type BaseAreas } from '../map-style';
import { MapView } from '../map-view';
import { fetchTasking, fetchTaskingOptions, type Tasking } from '../taskings/tasking-api';
import {
  changePlan,
  createBase,
  createPlan,
  fetchBases,
  fetchOfficers,
  fetchPlans,
  fetchPlanWeek,
  type PatrolBaseAnswer,
  type PatrolPlanAnswer,
} from './patrol-api';
import { labelsOfAreas } from '../area-labels';
import { wardLabels } from '../build-layers';
import { patrolLayers } from './patrol-layers';
import { officersOf, PlanForm, type ShiftChoice } from './plan-form';
import { PlanStops } from './plan-stops';
import './patrols-page.css';

export interface PatrolsPageProps {
  user: User;
  onSignOut: () => void;
}

const today = () => londonWallClock(new Date()).slice(0, 10);

export default function PatrolsPage({ user, onSignOut }: PatrolsPageProps) {
  const canPlan = user.role === 'planner';
  const [areas, setAreas] = useState<BaseAreas | null>(null);
  const [mapStyleUrl, setMapStyleUrl] = useState<string | null>(null);
  const [teams, setTeams] = useState<{ id: string; label: string }[]>([]);
  const [bases, setBases] = useState<PatrolBaseAnswer[]>([]);
  const [officerAccounts, setOfficerAccounts] = useState<{ username: string; name: string }[]>([]);
  const [choice, setChoice] = useState<ShiftChoice>({
    team: '',
    date: today(),
    shiftStart: '14:00',
    shiftEnd: '22:00',
    breakMinutes: 30,
    officers: '',
    baseId: null,
  });
  const [plans, setPlans] = useState<PatrolPlanAnswer[]>([]);
  const [plan, setPlan] = useState<PatrolPlanAnswer | null>(null);
  const [taskings, setTaskings] = useState<Map<number, Tasking>>(new Map());
  const [order, setOrder] = useState<number[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [picked, setPicked] = useState<[number, number] | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [week, setWeek] = useState<{ taskingId: number; message: string }[]>([]);

  useEffect(() => {
    const keys = Object.keys(AREA_KINDS).filter((key): key is keyof BaseAreas => key in EMPTY_AREAS);
    void Promise.all(keys.map((key) => fetchAreas(AREA_KINDS[key]))).then((results) => {
      const loaded: BaseAreas = { ...EMPTY_AREAS };
      keys.forEach((key, k) => {
        const result = results[k]!;
        if (result.ok) loaded[key] = result.value;
      });
      setAreas(loaded);
    });
    void fetchMapConfig().then((config) => setMapStyleUrl(config.mapStyleUrl));
    void fetchTaskingOptions().then((r) => {
      if (!r.ok) return setMessage(r.reason.message);
      setTeams(r.value.teams);
      setChoice((c) => (c.team === '' && r.value.teams[0] ? { ...c, team: r.value.teams[0].id } : c));
    });
    void fetchBases().then((r) => (r.ok ? setBases(r.value.bases) : setMessage(r.reason.message)));
    void fetchOfficers().then((r) => r.ok && setOfficerAccounts(r.value.officers));
  }, []);

  const refreshPlans = useCallback(() => {
    if (choice.team === '') return;
    void fetchPlans(choice.date, choice.team).then((r) => (r.ok ? setPlans(r.value.plans) : setMessage(r.reason.message)));
  }, [choice.date, choice.team]);
  useEffect(refreshPlans, [refreshPlans]);

  const open = useCallback((next: PatrolPlanAnswer) => {
    setPlan(next);
    setOrder(null);
    setMessage(null);
    void fetchPlanWeek(next.id).then((r) => setWeek(r.ok ? r.value.taskings : []));
    void Promise.all(next.taskingIds.map((id) => fetchTasking(id))).then((results) =>
      setTaskings(new Map(results.flatMap((r) => (r.ok ? [[r.value.tasking.id, r.value.tasking] as const] : [])))),
    );
  }, []);

  // The planner's order, timed here by the same rules the server will use when it is saved.
  const preview = useMemo(() => {
    if (!plan || !order) return null;
    if (plan.taskingIds.some((id) => !taskings.has(id))) return null;
    const shift: PatrolShift = {
      date: plan.date,
      shiftStart: plan.shiftStart,
      shiftEnd: plan.shiftEnd,
      breakMinutes: plan.breakMinutes,
      start: plan.start,
      stops: plan.taskingIds.map((id) => stopOfTasking(taskings.get(id)!)),
    };
    return scheduleInOrder(shift, order);
  }, [plan, order, taskings]);
  const shown: PatrolPlan | null = preview?.ok ? preview.value : plan;

  const save = async (change: { order: number[] | null }) => {
    if (!plan) return;
    setBusy(true);
    const result = await changePlan(plan.id, { version: plan.version, order: change.order });
    setBusy(false);
    if (!result.ok) return setMessage(result.reason.message);
    open(result.value);
    refreshPlans();
  };

  const planShift = async () => {
    if (choice.baseId === null) return;
    setBusy(true);
    const result = await createPlan({
      team: choice.team,
      date: choice.date,
      shiftStart: choice.shiftStart,
      shiftEnd: choice.shiftEnd,
      breakMinutes: choice.breakMinutes,
      officers: officersOf(choice.officers),
      baseId: choice.baseId,
    });
    setBusy(false);
    if (!result.ok) return setMessage(result.reason.message);
    open(result.value);
    refreshPlans();
  };

  const addBase = async (name: string) => {
    if (!picked) return;
    const result = await createBase(name, picked);
    if (!result.ok) return setMessage(result.reason.message);
    setBases((list) => [...list, result.value].sort((a, b) => a.name.localeCompare(b.name)));
    setChoice((c) => ({ ...c, baseId: result.value.id }));
  };

  const labels = useMemo(() => (areas ? labelsOfAreas(areas.wards) : []), [areas]);
  const layers = useMemo(
    () =>
      shown && plan
        ? [
            ...wardLabels(labels),
            ...patrolLayers({
              start: plan.start,
              route: shown.route.coordinates as [number, number][],
              visits: shown.visits,
              areas: [...taskings.values()].map((t) => ({ taskingId: t.id, cells: t.cells })),
              selectedTaskingId: selected,
            }),
          ]
        : wardLabels(labels),
    [shown, plan, taskings, selected, labels],
  );
  const layersKey = `${plan?.id ?? 'none'}|${plan?.version ?? 0}|${order?.join(',') ?? ''}|${selected ?? ''}|${taskings.size}`;

  return (
    <div className="page">
      <header className="top-bar">
        <h1>
          Tasking Map <span className="area-name">Patrols</span>
        </h1>
        <div className="who">
          <a href="/">Back to the map</a>
          <span>
            {user.name} <span className="role">({user.role})</span>
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="workspace patrols-page">
        <div className="sidebar">
          {message && (
            <p className="page-message" role="alert">
              {message}
            </p>
          )}
          {canPlan ? (
            <PlanForm
              choice={choice}
              onChange={setChoice}
              teams={teams}
              bases={bases}
              busy={busy}
              onPlan={() => void planShift()}
              onAddBase={(name) => void addBase(name)}
              pickedPoint={picked}
              officerAccounts={officerAccounts}
            />
          ) : (
            <p className="hint">Patrol plans are made by THEO planners; you can read them here.</p>
          )}
          <section aria-labelledby="plans-title">
            <h2 id="plans-title">
              Plans for {choice.team || 'the team'} on {choice.date}
            </h2>
            {plans.length === 0 && <p className="hint">No plans yet for this team and day.</p>}
            <ul className="plan-list">
              {plans.map((p) => (
                <li key={p.id}>
                  <button type="button" className="link-button" aria-pressed={p.id === plan?.id} onClick={() => open(p)}>
                    {p.shiftStart}–{p.shiftEnd}: {p.officers.join(', ')} ({p.visits.length} visits)
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="map-area" data-plan-drawn={layersKey}>
          {areas && (
            <MapView
              baseAreas={areas}
              mapStyleUrl={mapStyleUrl}
              layers={layers}
              layersKey={layersKey}
              onPick={(pick) => {
                if (pick.lngLat) setPicked(pick.lngLat);
                const stop = pick.object as { taskingId?: number } | null;
                if (typeof stop?.taskingId === 'number') setSelected(stop.taskingId);
              }}
              drawing={false}
              onDrawn={() => {}}
            />
          )}
        </div>
        <aside className="sidebar plan-side" aria-label="The plan">
          {plan && shown && (
            <>
              <p className="plan-links">
                <a href={`/patrol-plans/${plan.id}/briefing`}>Printed briefing</a> ·{' '}
                <a href={`/api/patrol-plans/${plan.id}/briefing.pdf`} download>
                  Briefing as PDF
                </a>
              </p>
              <PlanStops
                plan={shown}
                areas={plan.taskingIds.flatMap((id) => (taskings.has(id) ? [{ taskingId: id, area: taskings.get(id)!.title }] : []))}
                changed={order !== null}
                problem={preview && !preview.ok ? preview.reason : null}
                busy={busy || !canPlan}
                selectedTaskingId={selected}
                onSelect={setSelected}
                onOrder={setOrder}
                onSave={() => void save({ order })}
                onDiscard={() => setOrder(null)}
                onAutomatic={() => void save({ order: null })}
              />
            </>
          )}
          {plan && week.length > 0 && (
            <section className="plan-week" aria-labelledby="plan-week-title">
              <h2 id="plan-week-title">This week against the planned dosage</h2>
              <ul>
                {week.map((row) => (
                  <li key={row.taskingId}>{row.message}</li>
                ))}
              </ul>
            </section>
          )}
          {!plan && <p className="hint">Plan a shift, or open one of the day's plans, to see its visits here.</p>}
        </aside>
      </main>
    </div>
  );
}
