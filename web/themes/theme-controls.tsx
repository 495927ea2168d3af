// The theme's own choices, under the window in the sidebar. Robbery near schools has four,
// each with the values its settings in GET /api/themes allow; drug markets has none (its six
// windows follow the window on screen). Native selects, for the keyboard and screen readers.
import { useId } from 'react';
import type { Option, SchoolsChoice, SchoolsSettings } from './theme-settings';

function Choice<T extends string | number>(props: { label: string; options: readonly Option<T>[]; value: T; onChange: (value: T) => void }) {
  const id = useId();
  const index = props.options.findIndex((o) => o.value === props.value);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={String(Math.max(0, index))} onChange={(event) => props.onChange(props.options[Number(event.target.value)]!.value)}>
        {props.options.map((option, k) => (
          <option key={String(option.value)} value={String(k)}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface SchoolsControlsProps {
  settings: SchoolsSettings;
  choice: SchoolsChoice;
  onChange: (choice: SchoolsChoice) => void;
}

export function SchoolsControls({ settings, choice, onChange }: SchoolsControlsProps) {
  return (
    <form className="controls theme-controls" onSubmit={(event) => event.preventDefault()} aria-label="Robbery near schools choices">
      <Choice
        label={settings.buffer.label}
        options={settings.buffer.options}
        value={choice.bufferMeters}
        onChange={(bufferMeters) => onChange({ ...choice, bufferMeters })}
      />
      <Choice label={settings.hours.label} options={settings.hours.options} value={choice.hours} onChange={(hours) => onChange({ ...choice, hours })} />
      <Choice
        label={settings.schoolDays.label}
        options={settings.schoolDays.options}
        value={choice.schoolDays}
        onChange={(schoolDays) => onChange({ ...choice, schoolDays })}
      />
      <Choice
        label={settings.categories.label}
        options={settings.categories.options}
        value={choice.categories.join(',')}
        onChange={(value) => onChange({ ...choice, categories: value.split(',') })}
      />
    </form>
  );
}
