// The theme's own choices, under the window in the sidebar. Robbery near schools has four,
// each with the values its settings in GET /api/themes allow; serious violence two (incidents
// inside homes, the offences counted); drug markets has none (its six windows follow the window
// on screen). Native selects, for the keyboard and screen readers.
import { useId } from 'react';
import type { Option, SchoolsChoice, SchoolsSettings, ViolenceChoice, ViolenceSettings } from './theme-settings';

function Choice<T extends string | number>(props: {
  label: string;
  options: readonly Option<T>[];
  value: T;
  onChange: (value: T) => void;
  /** Why the choice does nothing for this answer; the select is then disabled. */
  inert?: string | null;
}) {
  const id = useId();
  const hintId = useId();
  const index = props.options.findIndex((o) => o.value === props.value);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={String(Math.max(0, index))}
        disabled={Boolean(props.inert)}
        aria-describedby={props.inert ? hintId : undefined}
        onChange={(event) => props.onChange(props.options[Number(event.target.value)]!.value)}
      >
        {props.options.map((option, k) => (
          <option key={String(option.value)} value={String(k)}>
            {option.label}
          </option>
        ))}
      </select>
      {props.inert && (
        <p id={hintId} className="fine-print">
          {props.inert}
        </p>
      )}
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

export interface ViolenceControlsProps {
  settings: ViolenceSettings;
  choice: ViolenceChoice;
  onChange: (choice: ViolenceChoice) => void;
  /** The definition of the answer on screen: on police.uk's approximation neither choice applies. */
  definition: 'partner' | 'police-uk-monthly' | null;
}

const ON_POLICE_UK = 'police.uk data: the approximation counts its own two categories and cannot tell homes apart.';

export function ViolenceControls({ settings, choice, onChange, definition }: ViolenceControlsProps) {
  const inert = definition === 'police-uk-monthly' ? ON_POLICE_UK : null;
  return (
    <form className="controls theme-controls" onSubmit={(event) => event.preventDefault()} aria-label="Serious violence choices">
      <Choice
        label={settings.dwellings.label}
        options={settings.dwellings.options}
        value={choice.includeDwellings}
        onChange={(includeDwellings) => onChange({ ...choice, includeDwellings })}
        inert={inert}
      />
      <Choice
        label={settings.categories.label}
        options={settings.categories.options}
        value={choice.categories.join(',')}
        onChange={(value) => onChange({ ...choice, categories: value.split(',') })}
        inert={inert}
      />
    </form>
  );
}
