// What is in one cell: what the view says of it, its counts and category breakdown
// (GET /api/cells/<cell>), and when its incidents happen (GET /api/profile).
import { useEffect, useRef } from 'react';
import type { ApiFailure, CellBreakdown, ProfileResponse } from './api-client';
import type { Loadable } from './use-view-data';
import type { CellFact } from './view-facts';
import { WhenSection } from './when-grid';

export type BreakdownState = { status: 'loading' } | { status: 'loaded'; breakdown: CellBreakdown } | { status: 'failed'; failure: ApiFailure };

export interface CellPanelProps {
  cell: string;
  windowText: string;
  state: BreakdownState;
  /** What the active view says of this cell (hot spot bin, pattern, forecast rank). */
  facts: readonly CellFact[];
  profile: Loadable<ProfileResponse> | null;
  onClose: () => void;
  /** Taskings whose area holds this cell. */
  taskings: readonly { id: number; title: string }[];
  onOpenTasking: (id: number) => void;
  /** Present when the cell is a significant hot spot the user may task. */
  onTaskHotspot: (() => void) | null;
}

export function CellPanel({ cell, windowText, state, facts, profile, onClose, taskings, onOpenTasking, onTaskHotspot }: CellPanelProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), [cell]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <aside className="cell-panel" aria-labelledby="cell-panel-title">
      <div className="cell-panel-head">
        <h2 id="cell-panel-title">Cell details</h2>
        <button type="button" ref={closeRef} className="close" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="cell-id">
        Cell <code>{cell}</code>
      </p>
      <p className="fine-print">{windowText}</p>
      {state.status === 'loading' && <p>Loading…</p>}
      {state.status === 'failed' && <p role="alert">{state.failure.message}</p>}
      {facts.length > 0 && (
        <dl className="cell-facts">
          {facts.map((fact) => (
            <div key={fact.testId}>
              <dt>{fact.label}</dt>
              <dd data-testid={fact.testId}>{fact.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {onTaskHotspot && (
        <button type="button" className="primary task-hotspot" onClick={onTaskHotspot}>
          Task this hot spot
        </button>
      )}
      {taskings.length > 0 && (
        <div className="cell-taskings">
          <p>Tasked:</p>
          <ul>
            {taskings.map((t) => (
              <li key={t.id}>
                <button type="button" onClick={() => onOpenTasking(t.id)}>
                  {t.title}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.status === 'loaded' && <Breakdown breakdown={state.breakdown} />}
      <WhenSection state={profile} />
    </aside>
  );
}

function Breakdown({ breakdown }: { breakdown: CellBreakdown }) {
  const hasPartial = breakdown.partialCount > 0;
  return (
    <>
      <dl className="cell-totals">
        <div>
          <dt>Counted</dt>
          <dd data-testid="cell-count">{breakdown.count}</dd>
        </div>
        <div>
          <dt>Month-only, not counted</dt>
          <dd data-testid="cell-partial-count">{breakdown.partialCount}</dd>
        </div>
      </dl>
      {breakdown.categories.length === 0 ? (
        <p>No incidents of this layer in this cell in the window.</p>
      ) : (
        <table>
          <caption>By category</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Counted</th>
              {hasPartial && <th scope="col">Month-only</th>}
            </tr>
          </thead>
          <tbody>
            {breakdown.categories.map((row) => (
              <tr key={row.category}>
                <th scope="row">{row.label}</th>
                <td>{row.count}</td>
                {hasPartial && <td>{row.partialCount}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
