// The Taskings panel: active and review-due taskings (review-due first), each with its
// status, team, days to review and a one-line result; proposed ones after them.
import type { ApiFailure } from '../api-client';
import type { TaskingList as TaskingListBody, TaskingOptions } from './tasking-api';
import { StatusBadge, reviewText, teamLabelOf } from './tasking-words';

export interface TaskingListProps {
  list: TaskingListBody['taskings'] | null;
  options: TaskingOptions | null;
  failure: ApiFailure | null;
  canCreate: boolean;
  onOpen: (id: number) => void;
  onCreate: () => void;
}

export function TaskingList({ list, options, failure, canCreate, onOpen, onCreate }: TaskingListProps) {
  return (
    <section className="tasking-list" aria-labelledby="taskings-title">
      <div className="column-head">
        <h2 id="taskings-title">Taskings</h2>
        {canCreate && (
          <button type="button" onClick={onCreate}>
            New tasking
          </button>
        )}
      </div>
      {failure && <p role="alert">The taskings could not load: {failure.message}</p>}
      {!failure && list === null && <p>Loading…</p>}
      {list !== null && list.length === 0 && <p>No active taskings. {canCreate ? 'Task a hot spot from its cell panel, or start a new tasking here.' : ''}</p>}
      {list !== null && list.length > 0 && (
        <ol className="tasking-items">
          {list.map((t) => (
            <li key={t.id} className={`tasking-item status-${t.status}`}>
              <button type="button" className="tasking-open" onClick={() => onOpen(t.id)} aria-label={`Open tasking: ${t.title}`}>
                <span className="tasking-title">{t.title}</span>
              </button>
              <p className="tasking-meta">
                <StatusBadge status={t.status} /> {teamLabelOf(t.team, options)} · {reviewText(t.status, t.daysToReview)}
              </p>
              <p className="tasking-result" data-testid={`tasking-result-${t.id}`}>
                {t.status === 'proposed' ? 'Proposed: not yet agreed' : (t.result?.summary ?? '')}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
