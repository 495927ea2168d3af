// "Time of day" and "Days": the few time filters a tasking meeting asks for (school run,
// after school, evenings, nights; weekdays or weekends), as the API's hours= and weekdays=
// values. Hours are London hours [from, to); "22-6" runs across midnight.

export interface TimeFilterOption {
  /** The API value; null means no filter. */
  value: string | null;
  label: string;
}

export const TIME_OF_DAY_OPTIONS: readonly TimeFilterOption[] = [
  { value: null, label: 'All day' },
  { value: '8-11', label: 'School morning 08:00–11:00' },
  { value: '15-18', label: 'After school 15:00–18:00' },
  { value: '18-24', label: 'Evening 18:00–00:00' },
  { value: '22-6', label: 'Night 22:00–06:00' },
];

export const DAYS_OPTIONS: readonly TimeFilterOption[] = [
  { value: null, label: 'Every day' },
  { value: 'mon-fri', label: 'Weekdays' },
  { value: 'sat,sun', label: 'Weekends' },
];

export interface TimeFilterChoice {
  /** hours= value, e.g. '15-18'; null for all day. */
  hours: string | null;
  /** weekdays= value, e.g. 'mon-fri'; null for every day. */
  weekdays: string | null;
}

export const NO_TIME_FILTER: TimeFilterChoice = { hours: null, weekdays: null };

/** A select's value for an option: '' stands for "no filter", as a select needs a string. */
export function selectValueOf(value: string | null): string {
  return value ?? '';
}

/** The option a select's value names; unknown values mean no filter. */
export function optionValueOf(options: readonly TimeFilterOption[], selected: string): string | null {
  return options.find((o) => o.value === selected)?.value ?? null;
}

/** The query parameters for a filter: only those set, so an unfiltered request is unchanged. */
export function timeFilterParams(filter: TimeFilterChoice): { hours?: string; weekdays?: string } {
  return {
    ...(filter.hours !== null ? { hours: filter.hours } : {}),
    ...(filter.weekdays !== null ? { weekdays: filter.weekdays } : {}),
  };
}

/** 'After school 15:00–18:00, weekdays', or null with no filter: for the summary and the cell panel. */
export function describeTimeFilter(filter: TimeFilterChoice): string | null {
  const parts: string[] = [];
  if (filter.hours !== null) parts.push(TIME_OF_DAY_OPTIONS.find((o) => o.value === filter.hours)?.label ?? `hours ${filter.hours}`);
  if (filter.weekdays !== null) parts.push((DAYS_OPTIONS.find((o) => o.value === filter.weekdays)?.label ?? filter.weekdays).toLowerCase());
  if (parts.length === 0) return null;
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
