// A shift plan's visits, with the planner's hand changes: move a visit up or down, drop it, add
// another visit to an area; the times recompute at once (geo/patrols, the rules the server uses)
// and are saved with "Save this order". What the shift cannot deliver is said above the list.
import type { PatrolPlan } from '../../geo/patrols/plan-output';

export interface PlanStopsProps {
  plan: PatrolPlan;
  /** The plan's areas, for "add a visit". */
  areas: readonly { taskingId: number; area: string }[];
  /** True when the visits shown are the planner's unsaved order. */
  changed: boolean;
  /** The hand-made order could not be timed: why. */
  problem: string | null;
  busy: boolean;
  selectedTaskingId: number | null;
  onSelect: (taskingId: number) => void;
  onOrder: (order: number[]) => void;
  onSave: () => void;
  onDiscard: () => void;
  onAutomatic: () => void;
}

const time = (wallClock: string) => wallClock.slice(11, 16);

export function PlanStops({ plan, areas, changed, problem, busy, selectedTaskingId, onSelect, onOrder, onSave, onDiscard, onAutomatic }: PlanStopsProps) {
  const order = plan.visits.map((v) => v.taskingId);
  const move = (from: number, to: number) => {
    const next = [...order];
    const [taken] = next.splice(from, 1);
    next.splice(to, 0, taken!);
    onOrder(next);
  };
  return (
    <section className="plan-stops" aria-labelledby="plan-stops-title">
      <h2 id="plan-stops-title">
        {plan.visits.length} visit{plan.visits.length === 1 ? '' : 's'}, {plan.totals.kilometres.toFixed(1)} km on foot
      </h2>
      <p className="plan-totals">
        {plan.totals.patrolMinutes} min in the areas, {plan.totals.walkMinutes} min walking
        {plan.break ? `, break ${time(plan.break.startAt)}–${time(plan.break.endAt)}` : ''}; back at {time(plan.shift.returnAt)}.
      </p>
      {plan.shortfalls.length > 0 && (
        <div className="shortfalls" role="note" aria-label="What this shift cannot deliver">
          <h3>What this shift cannot deliver</h3>
          <ul>
            {plan.shortfalls.map((s) => (
              <li key={s.taskingId}>{s.message}</li>
            ))}
          </ul>
        </div>
      )}
      {problem && <p role="alert">{problem}</p>}
      <ol className="visit-list">
        {plan.visits.map((v, k) => (
          <li key={`${v.taskingId}-${v.visitNumber}-${k}`} className={v.taskingId === selectedTaskingId ? 'selected' : undefined}>
            <button type="button" className="link-button visit-area" onClick={() => onSelect(v.taskingId)}>
              <span className="visit-number">{k + 1}</span> {v.area}
            </button>
            <span className="visit-times">
              {time(v.arriveAt)}–{time(v.leaveAt)} · walk {v.walkMinutes} min
            </span>
            <span className="visit-buttons">
              <button type="button" aria-label={`Move visit ${k + 1} earlier`} disabled={k === 0 || busy} onClick={() => move(k, k - 1)}>
                ↑
              </button>
              <button type="button" aria-label={`Move visit ${k + 1} later`} disabled={k === plan.visits.length - 1 || busy} onClick={() => move(k, k + 1)}>
                ↓
              </button>
              <button type="button" aria-label={`Drop visit ${k + 1}`} disabled={busy} onClick={() => onOrder(order.filter((_, j) => j !== k))}>
                Drop
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="add-visit">
        <label htmlFor="add-visit">Add a visit to</label>
        <select id="add-visit" value="" onChange={(e) => e.target.value !== '' && onOrder([...order, Number(e.target.value)])} disabled={busy}>
          <option value="">Choose an area…</option>
          {areas.map((a) => (
            <option key={a.taskingId} value={a.taskingId}>
              {a.area}
            </option>
          ))}
        </select>
      </div>
      {plan.notes.length > 0 && (
        <ul className="plan-notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div className="plan-actions">
        {changed ? (
          <>
            <button type="button" className="primary" onClick={onSave} disabled={busy || problem !== null}>
              Save this order
            </button>
            <button type="button" onClick={onDiscard} disabled={busy}>
              Undo my changes
            </button>
          </>
        ) : (
          <button type="button" onClick={onAutomatic} disabled={busy}>
            Plan the order automatically
          </button>
        )}
      </div>
    </section>
  );
}
