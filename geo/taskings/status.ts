// A tasking's life: proposed -> active -> review-due (derived: today is on or after the
// review date) -> closed. At each review the meeting records a decision with a note.
export const STORED_STATUSES = ['proposed', 'active', 'closed'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
export const TASKING_STATUSES = ['proposed', 'active', 'review-due', 'closed'] as const;
export type TaskingStatus = (typeof TASKING_STATUSES)[number];

export const DECISIONS = ['continue', 'amend', 'close', 'escalate'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_LABELS: Record<Decision, string> = {
  continue: 'Continue',
  amend: 'Amend',
  close: 'Close',
  escalate: 'Escalate',
};

/** Review-due is never stored: it follows from the review date and today (day numbers, London dates). */
export function effectiveStatus(stored: StoredStatus, reviewDay: number, today: number): TaskingStatus {
  return stored === 'active' && today >= reviewDay ? 'review-due' : stored;
}

/** Shortest interval between reviews the default rule gives, in days (the meeting is weekly). */
export const MIN_REVIEW_INTERVAL_DAYS = 7;

/**
 * The next review when a decision keeps the tasking going and names no date: the tasking's
 * first review interval (review date - start date, at least a week) counted from today, or
 * from the start for a tasking that has not started yet.
 */
export function defaultNextReviewDay(startDay: number, reviewDay: number, today: number): number {
  return Math.max(today, startDay) + Math.max(MIN_REVIEW_INTERVAL_DAYS, reviewDay - startDay);
}

export interface DecisionOutcome {
  status: StoredStatus;
  reviewDay: number;
  /** Day number of the end date, or null for none. */
  endDay: number | null;
}

/**
 * What a decision does to the record: continue and amend keep (or make) it active with a
 * new review date; escalate keeps its status and moves the review only when a date is given;
 * close closes it and, once it has started, ends it today unless it already ended.
 */
export function applyDecision(
  current: { status: StoredStatus; startDay: number; reviewDay: number; endDay: number | null },
  decision: Decision,
  today: number,
  nextReviewDay: number | null,
): DecisionOutcome {
  switch (decision) {
    case 'continue':
    case 'amend':
      return { status: 'active', reviewDay: nextReviewDay ?? defaultNextReviewDay(current.startDay, current.reviewDay, today), endDay: current.endDay };
    case 'escalate':
      return { status: current.status, reviewDay: nextReviewDay ?? current.reviewDay, endDay: current.endDay };
    case 'close': {
      const endDay = today < current.startDay ? current.endDay : Math.min(current.endDay ?? today, today);
      return { status: 'closed', reviewDay: current.reviewDay, endDay };
    }
  }
}

/**
 * Whether a tasking runs on a London date ('YYYY-MM-DD'): agreed (not proposed), started by then,
 * and not ended before it; one closed without an end date ran until it was closed, so not now.
 */
export function runsOnDate(tasking: { status: StoredStatus; startDate: string; endDate: string | null }, date: string): boolean {
  if (tasking.status === 'proposed' || tasking.startDate > date) return false;
  if (tasking.endDate) return tasking.endDate >= date;
  return tasking.status !== 'closed';
}
