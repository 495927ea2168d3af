// The planner's choices for a new shift plan: team, date, shift, break, officers and where the
// officers start (a base, or a new base placed on the map).
import { useState } from 'react';
import type { PatrolBaseAnswer } from './patrol-api';

export interface ShiftChoice {
  team: string;
  date: string;
  shiftStart: string;
  shiftEnd: string;
  breakMinutes: number;
  officers: string;
  baseId: number | null;
}

export interface PlanFormProps {
  choice: ShiftChoice;
  onChange: (choice: ShiftChoice) => void;
  teams: readonly { id: string; label: string }[];
  bases: readonly PatrolBaseAnswer[];
  busy: boolean;
  onPlan: () => void;
  /** Adds a base at the point last clicked on the map. */
  onAddBase: (name: string) => void;
  /** The point last clicked on the map, for a new base. */
  pickedPoint: [number, number] | null;
  /** Officers with accounts (they see the plan on their phone): ticking one adds their user name. */
  officerAccounts: readonly { username: string; name: string }[];
}

export function officersOf(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export function PlanForm({ choice, onChange, teams, bases, busy, onPlan, onAddBase, pickedPoint, officerAccounts }: PlanFormProps) {
  const [baseName, setBaseName] = useState('');
  const set = (patch: Partial<ShiftChoice>) => onChange({ ...choice, ...patch });
  const ready = choice.team !== '' && choice.baseId !== null && officersOf(choice.officers).length > 0;
  return (
    <form
      className="plan-form"
      aria-label="Plan a shift"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onPlan();
      }}
    >
      <h2>Plan a shift</h2>
      <div className="field">
        <label htmlFor="patrol-team">Team</label>
        <select id="patrol-team" value={choice.team} onChange={(e) => set({ team: e.target.value })}>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="patrol-date">Date</label>
        <input id="patrol-date" type="date" value={choice.date} onChange={(e) => set({ date: e.target.value })} required />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="patrol-start">Shift starts</label>
          <input id="patrol-start" type="time" value={choice.shiftStart} onChange={(e) => set({ shiftStart: e.target.value })} required />
        </div>
        <div className="field">
          <label htmlFor="patrol-end">Ends</label>
          <input id="patrol-end" type="time" value={choice.shiftEnd} onChange={(e) => set({ shiftEnd: e.target.value })} required />
        </div>
        <div className="field">
          <label htmlFor="patrol-break">Break (min)</label>
          <input
            id="patrol-break"
            type="number"
            min={0}
            max={180}
            value={choice.breakMinutes}
            onChange={(e) => set({ breakMinutes: Number(e.target.value) })}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="patrol-officers">Officers (user names, comma-separated)</label>
        <input
          id="patrol-officers"
          type="text"
          value={choice.officers}
          onChange={(e) => set({ officers: e.target.value })}
          placeholder="theo.adams, theo.bello"
        />
      </div>
      {officerAccounts.length > 0 && (
        <fieldset className="officer-accounts">
          <legend>Officers with the app on their phone</legend>
          {officerAccounts.map((o) => {
            const named = officersOf(choice.officers).includes(o.username);
            return (
              <label key={o.username}>
                <input
                  type="checkbox"
                  checked={named}
                  onChange={() => {
                    const names = officersOf(choice.officers).filter((n) => n !== o.username);
                    set({ officers: (named ? names : [...names, o.username]).join(', ') });
                  }}
                />{' '}
                {o.name} ({o.username})
              </label>
            );
          })}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor="patrol-base">Start and finish at</label>
        <select id="patrol-base" value={choice.baseId ?? ''} onChange={(e) => set({ baseId: e.target.value === '' ? null : Number(e.target.value) })}>
          <option value="">Choose a base…</option>
          {bases.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <details className="new-base">
        <summary>Add a base</summary>
        <p className="hint">Click the map where the base is, name it, then add it.</p>
        <label>
          Name
          <input type="text" value={baseName} onChange={(e) => setBaseName(e.target.value)} placeholder="Council depot" />
        </label>
        <p className="hint">{pickedPoint ? `At ${pickedPoint[1].toFixed(5)}, ${pickedPoint[0].toFixed(5)}` : 'No point chosen on the map yet.'}</p>
        <button
          type="button"
          disabled={!pickedPoint || baseName.trim() === ''}
          onClick={() => {
            onAddBase(baseName.trim());
            setBaseName('');
          }}
        >
          Add the base
        </button>
      </details>
      <button type="submit" className="primary" disabled={!ready || busy}>
        {busy ? 'Planning…' : 'Plan the shift'}
      </button>
      {!ready && <p className="hint">Choose a team, a base and at least one officer.</p>}
    </form>
  );
}
