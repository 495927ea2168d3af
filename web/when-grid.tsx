// The cell panel's "When": hour of day x day of week (GET /api/profile), as a real table so a
// screen reader can walk it; the caption names the peak for those who cannot see the shading.
import type { ApiFailure, ProfileResponse } from './api-client';
import { WEEKDAY_LABELS, peakCaption, shadeOf } from './hour-grid';
import type { Loadable } from './use-view-data';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

export function WhenSection({ state }: { state: Loadable<ProfileResponse> | null }) {
  return (
    <section className="when" aria-labelledby="when-title">
      <h3 id="when-title">When</h3>
      {(state === null || state.status === 'loading') && <p>Loading…</p>}
      {state?.status === 'failed' && <WhenFailure failure={state.failure} />}
      {state?.status === 'loaded' && <WhenGrid profile={state.value} />}
    </section>
  );
}

function WhenFailure({ failure }: { failure: ApiFailure }) {
  return <p role="alert">The times could not load: {failure.message}</p>;
}

function WhenGrid({ profile }: { profile: ProfileResponse }) {
  return <WhenTable grid={profile.hourByWeekday} note={profile.note} />;
}

/** Hour of day x day of week (Monday first), shaded to the busiest square, its peak in the caption. */
export function WhenTable({
  grid,
  note,
  testId = 'when-grid',
  showCounts = false,
}: {
  grid: readonly (readonly number[])[];
  note?: string | null;
  testId?: string;
  /** Print each non-zero count in its square (the printed briefing, readable in black and white). */
  showCounts?: boolean;
}) {
  const max = Math.max(0, ...grid.flat());
  const caption = peakCaption(grid);
  return (
    <>
      <table className="when-grid" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td className="row-head" />
            {HOURS.map((hour) => (
              <th key={hour} scope="col" aria-label={`${String(hour).padStart(2, '0')}:00`}>
                {hour % 3 === 0 ? hour : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.map((hours, weekday) => (
            <tr key={WEEKDAY_LABELS[weekday] ?? weekday}>
              <th scope="row">{WEEKDAY_LABELS[weekday]}</th>
              {hours.map((count, hour) => (
                <td
                  key={hour}
                  // Printed counts turn white on the darkest squares so they stay legible.
                  style={{ background: shadeOf(count, max), ...(showCounts && count > 0.55 * max ? { color: '#fff' } : {}) }}
                  title={`${WEEKDAY_LABELS[weekday]} ${hour}:00: ${count}`}
                >
                  {showCounts && count > 0 ? <span className="when-count">{count}</span> : <span className="visually-hidden">{count}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {note && (
        <p className="fine-print" data-testid="when-note">
          {note}
        </p>
      )}
    </>
  );
}
