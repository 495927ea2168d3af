// The CCTV mode's own choice, under the window in the sidebar: which incidents to weigh the
// coverage against (the page's layer groups). A native select, for the keyboard and screen readers.
import { useId } from 'react';
import type { GroupOption } from '../controls';

export interface CctvControlsProps {
  groups: readonly GroupOption[];
  group: string;
  onGroupChange: (group: string) => void;
}

export function CctvControls({ groups, group, onGroupChange }: CctvControlsProps) {
  const id = useId();
  return (
    <form className="controls theme-controls" onSubmit={(event) => event.preventDefault()} aria-label="CCTV coverage choices">
      <div className="field">
        <label htmlFor={id}>Incidents</label>
        <select id={id} value={group} onChange={(event) => onGroupChange(event.target.value)}>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
