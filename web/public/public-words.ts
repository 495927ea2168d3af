// Plain words for the public page: month names (never the browser's locale order) and the data's
// month coverage.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'YYYY-MM' as "May 2016" (long) or "May 16" (short, for chart axes). */
export function monthLabel(month: string, form: 'long' | 'short'): string {
  const name = MONTHS[Number(month.slice(5, 7)) - 1] ?? month;
  return form === 'long' ? `${name} ${month.slice(0, 4)}` : `${name.slice(0, 3)} ${month.slice(2, 4)}`;
}

/**
 * The months a theme has figures for, in words: "January 2016 to May 2026", with the gaps named
 * when some months inside that span have none ("…; no figures for March 2019 to June 2020").
 */
export function coverageWords(months: readonly string[]): string {
  if (months.length === 0) return 'no months yet';
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const monthOf = (k: number) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  const gaps: string[] = [];
  for (let k = 1; k < months.length; k++) {
    const before = index(months[k - 1]!);
    const after = index(months[k]!);
    if (after - before > 1) {
      const from = monthLabel(monthOf(before + 1), 'long');
      const to = monthLabel(monthOf(after - 1), 'long');
      gaps.push(from === to ? from : `${from} to ${to}`);
    }
  }
  const span = months.length === 1 ? monthLabel(months[0]!, 'long') : `${monthLabel(months[0]!, 'long')} to ${monthLabel(months.at(-1)!, 'long')}`;
  return gaps.length === 0 ? span : `${span}; no figures for ${gaps.join(', ')}`;
}

/** A published figure as the page writes it: thousands separated ("1,105"); the words as published otherwise. */
export function figureText(figure: { kind: string | null; value: number | null; text: string }): string {
  return figure.kind === 'rounded' && figure.value !== null ? figure.value.toLocaleString('en-GB') : figure.text;
}
