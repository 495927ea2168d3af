// Small pieces of wording the tasking panels share: status badges, review countdowns,
// option labels, dates in British form.
import { formatDay } from '../window-dates';
import type { TaskingOptions } from './tasking-api';

const STATUS_TEXT: Record<string, string> = {
  proposed: 'Proposed',
  active: 'Active',
  'review-due': 'Review due',
  closed: 'Closed',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status-badge status-${status}`}>{STATUS_TEXT[status] ?? status}</span>;
}

export function reviewText(status: string, daysToReview: number): string {
  if (status === 'closed') return 'closed';
  if (daysToReview > 1) return `review in ${daysToReview} days`;
  if (daysToReview === 1) return 'review tomorrow';
  if (daysToReview === 0) return 'review today';
  return `review ${-daysToReview} day${daysToReview === -1 ? '' : 's'} overdue`;
}

export function teamLabelOf(team: string, options: TaskingOptions | null): string {
  return options?.teams.find((t) => t.id === team)?.label.replace(/ \(.*\)$/, '') ?? team;
}

export function tacticLabelOf(tactic: string, options: TaskingOptions | null): string {
  return options?.tactics.find((t) => t.id === tactic)?.label ?? tactic;
}

/** '4 Dec 2026' from an ISO date; '—' for none. */
export function dayText(iso: string | null): string {
  return iso ? formatDay(iso) : '—';
}

/** '4 Dec 2026 15:05' from a London wall-clock time 'YYYY-MM-DDTHH:MM'. */
export function londonTimeText(wallClock: string): string {
  return `${formatDay(wallClock.slice(0, 10))} ${wallClock.slice(11, 16)}`;
}
