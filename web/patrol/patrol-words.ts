// Dates and times as an officer reads them on the phone.

/** 'Fri 12 Jun' from 'YYYY-MM-DD'. */
export function dateText(isoDate: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** 'HH:MM' from a London wall clock 'YYYY-MM-DDTHH:MM'. */
export const clockText = (wallClock: string) => wallClock.slice(11, 16);

/** 'HH:MM' London of an instant. */
export function instantClockText(instant: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(new Date(instant));
}

/** Today's London date, 'YYYY-MM-DD'. */
export function londonDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}
