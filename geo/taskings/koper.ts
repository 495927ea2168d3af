// Planned dosage against the Koper curve: hot spot patrol visits of 10-16 minutes, repeated
// at least every two hours, deter most (Koper 1995, "Just enough police presence", Justice
// Quarterly 12(4)). Outside it the app warns; it never refuses (DOMAIN.md).
import { bandHoursByWeekday, weekHoursOfBands, type TimeBand } from './time-bands';

export const KOPER = {
  minMinutes: 10,
  maxMinutes: 16,
  /** Longest gap between visits the curve suggests, in minutes. */
  maxGapMinutes: 120,
  guidance: 'Koper curve: visits of 10-16 minutes, repeated at least every two hours, deter most.',
} as const;

export interface PlannedDosage {
  visitsPerDay: number;
  minutesPerVisit: number;
}

/** True when a visit's length is within the Koper curve's 10-16 minutes. */
export function isKoperLength(minutes: number): boolean {
  return minutes >= KOPER.minMinutes && minutes <= KOPER.maxMinutes;
}

/** Warnings, in plain words, for planned dosage outside the Koper guidance or the time bands. */
export function dosageWarnings(dosage: PlannedDosage | null, bands: readonly TimeBand[]): string[] {
  if (!dosage) return [];
  const warnings: string[] = [];
  const { visitsPerDay, minutesPerVisit } = dosage;
  if (minutesPerVisit < KOPER.minMinutes) {
    warnings.push(`Visits of ${minutesPerVisit} minutes are shorter than the 10-16 minutes the Koper curve suggests; short visits deter less.`);
  } else if (minutesPerVisit > KOPER.maxMinutes) {
    warnings.push(
      `Visits of ${minutesPerVisit} minutes are longer than the 10-16 minutes the Koper curve suggests; beyond about 15 minutes the extra time adds little, so spread it over more visits.`,
    );
  }
  // The busiest banded day decides what has to fit.
  const hours = Math.max(...bandHoursByWeekday(weekHoursOfBands(bands)));
  const bandText = bands.length === 0 ? 'the day' : `the ${hours} hours of the time bands`;
  if (visitsPerDay * minutesPerVisit > hours * 60) {
    warnings.push(`${visitsPerDay} visits of ${minutesPerVisit} minutes do not fit in ${bandText}.`);
  } else if (bands.length > 0 && visitsPerDay > 0) {
    const needed = Math.ceil((hours * 60) / KOPER.maxGapMinutes);
    if (visitsPerDay < needed) {
      const gapHours = Math.round(((hours * 60) / visitsPerDay / 60) * 10) / 10;
      warnings.push(
        `${visitsPerDay} visit${visitsPerDay === 1 ? '' : 's'} in ${hours} hours leaves about ${gapHours} hours between visits; ` +
          `the Koper curve suggests returning at least every two hours (${needed} visits).`,
      );
    }
  }
  return warnings;
}
