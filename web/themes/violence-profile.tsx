// When the serious violence happens, beside the map: the hours of the whole layer, of its
// hotspots and of the victims under 25 as shaded strips one above the other (each shaded to its
// own busiest hour, so a small series shows its shape too), the hour x weekday grid, and the
// months. Real tables, so a screen reader can walk them; each row says its peak in words.
import { shadeOf } from '../hour-grid';
import { WhenTable } from '../when-grid';
import type { SeriousViolenceResponse } from './theme-api';
import { busiestHoursInWords, plural } from './theme-words';

type Profile = SeriousViolenceResponse['profile'];

interface Series {
  key: string;
  label: string;
  values: readonly number[];
  total: number;
}

const MONTH_LONG = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH_SHORT = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
const monthDate = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

function Strip({
  caption,
  columns,
  rows,
  testId,
}: {
  caption: string;
  columns: { key: string; label: string; short: string }[];
  rows: Series[];
  testId: string;
}) {
  return (
    <table className="when-grid profile-strip" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <td className="row-head" />
          {columns.map((c) => (
            <th key={c.key} scope="col" aria-label={c.label}>
              {c.short}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const max = Math.max(0, ...row.values);
          return (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {row.values.map((count, k) => (
                <td key={columns[k]?.key ?? k} style={{ background: shadeOf(count, max) }} title={`${row.label}, ${columns[k]?.label ?? ''}: ${count}`}>
                  <span className="visually-hidden">{count}</span>
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The whole calendar months inside [from, to), in order, each series' count per month (0 where
 * none). A part month at either end is left out: a few days beside whole months would read as a fall.
 */
export function monthColumns(
  profile: Pick<Profile, 'monthly'> & { victimUnder25: Pick<Profile['victimUnder25'], 'monthly'> },
  window: { from: string; to: string },
): {
  months: string[];
  all: number[];
  under25: number[];
} {
  const whole = (month: string) => `${month}-01` >= window.from && `${nextMonth(month)}-01` <= window.to;
  const months = profile.monthly.map((m) => m.month).filter(whole);
  const all = new Map(profile.monthly.map((m) => [m.month, m.count]));
  const under25 = new Map(profile.victimUnder25.monthly.map((m) => [m.month, m.count]));
  return { months, all: months.map((m) => all.get(m) ?? 0), under25: months.map((m) => under25.get(m) ?? 0) };
}

/** '2026-12' → '2027-01'. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Fewer whole months than this show no month strip: two or three months make no pattern. */
const MIN_MONTHS = 3;

export function ViolenceProfile({ profile, partner, window }: { profile: Profile; partner: boolean; window: { from: string; to: string } }) {
  const hourColumns = HOURS.map((hour) => ({ key: String(hour), label: hh(hour), short: hour % 3 === 0 ? String(hour) : '' }));
  const series: Series[] = [
    { key: 'all', label: 'All', values: profile.byHour, total: profile.total },
    { key: 'hot', label: 'Hotspots', values: profile.hotCells.byHour, total: profile.hotCells.total },
  ];
  if (partner) series.push({ key: 'under25', label: 'Under 25', values: profile.victimUnder25.byHour, total: profile.victimUnder25.total });
  const months = monthColumns(profile, window);
  const monthRows: Series[] = [{ key: 'all', label: 'All', values: months.all, total: profile.total }];
  if (partner) monthRows.push({ key: 'under25', label: 'Under 25', values: months.under25, total: profile.victimUnder25.total });
  const timed = profile.total - profile.withoutTime;
  return (
    <section className="violence-profile" aria-labelledby="violence-when">
      <h3 id="violence-when">When</h3>
      {timed > 0 ? (
        <>
          <Strip caption="Hour of day (each row shaded to its own busiest hour)" columns={hourColumns} rows={series} testId="violence-hours" />
          <ul className="notes" data-testid="violence-hours-words">
            {series.map((s) => (
              <li key={s.key}>
                {s.key === 'all' ? 'All' : s.key === 'hot' ? 'In the hotspots' : 'Victims under 25'} ({plural(s.total, 'incident', 'incidents')}):{' '}
                {busiestHoursInWords(s.values)}.
              </li>
            ))}
          </ul>
          <WhenTable grid={profile.hourByWeekday} testId="violence-week" />
        </>
      ) : (
        <p data-testid="violence-hours-words">No incident in this window has a time of day (monthly data): the hours cannot be shown.</p>
      )}
      {profile.withoutTime > 0 && timed > 0 && (
        <p className="fine-print">{plural(profile.withoutTime, 'incident has', 'incidents have')} no time of day: counted in the months, not in the hours.</p>
      )}
      {months.months.length >= MIN_MONTHS && (
        <Strip
          caption={`Month, ${MONTH_LONG.format(monthDate(months.months[0]!))} to ${MONTH_LONG.format(monthDate(months.months.at(-1)!))}`}
          columns={months.months.map((m) => ({ key: m, label: MONTH_LONG.format(monthDate(m)), short: MONTH_SHORT.format(monthDate(m)) }))}
          rows={monthRows}
          testId="violence-months"
        />
      )}
    </section>
  );
}
