// The few controls a meeting needs: which layer, which days, which hours, how big the cells are.
// Native form controls: keyboard, screen readers and role-based test locators all work.
import { useId } from 'react';
import { DAYS_OPTIONS, optionValueOf, selectValueOf, TIME_OF_DAY_OPTIONS, type TimeFilterChoice, type TimeFilterOption } from './time-filter-choice';
import { PRESET_DAYS, type WindowChoice } from './window-dates';

export interface GroupOption {
  id: string;
  label: string;
  /** The category slugs of the layer. */
  categories: readonly string[];
}

/** H3 average hexagon areas, so the choice reads as a size rather than a number. */
export const RESOLUTION_OPTIONS: readonly { resolution: number; label: string }[] = [
  { resolution: 7, label: 'Largest: about 5 km² (H3 7)' },
  { resolution: 8, label: 'Large: about 0.7 km² (H3 8)' },
  { resolution: 9, label: 'Street blocks: about 0.1 km² (H3 9)' },
  { resolution: 10, label: 'Smallest: about 0.015 km² (H3 10)' },
];

export interface ControlsProps {
  groups: readonly GroupOption[];
  group: string;
  onGroupChange: (group: string) => void;
  windowChoice: WindowChoice;
  onWindowChange: (choice: WindowChoice) => void;
  /** Inclusive dates of the window on screen, used to start a custom range from it. */
  shownFrom: string;
  shownThrough: string;
  timeFilter: TimeFilterChoice;
  onTimeFilterChange: (filter: TimeFilterChoice) => void;
  resolution: number;
  onResolutionChange: (resolution: number) => void;
  /** When the layer's categories have data, in words; null when nothing is imported. */
  layerCoverage: string | null;
  /** The meeting's themes the map can draw (web/themes/), offered beside the layer groups. */
  themes?: readonly { id: string; label: string }[];
  /** The theme on screen, or null for a layer group. */
  theme?: string | null;
  onThemeChange?: (theme: string | null) => void;
  /** Offer the CCTV coverage mode (staff only, web/cctv/), and whether it is on screen. */
  cctvOffered?: boolean;
  cctv?: boolean;
  onCctvChange?: (on: boolean) => void;
}

/** A theme's value in the Layer list: apart from the group ids, whatever they are called. */
const THEME_VALUE_PREFIX = 'theme:';
/** The CCTV coverage mode's value in the Layer list. */
const CCTV_VALUE = 'coverage:cctv';

function FilterSelect(props: {
  id: string;
  label: string;
  options: readonly TimeFilterOption[];
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={selectValueOf(props.value)} onChange={(event) => props.onChange(optionValueOf(props.options, event.target.value))}>
        {props.options.map((option) => (
          <option key={option.label} value={selectValueOf(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Controls(props: ControlsProps) {
  const id = useId();
  const { windowChoice } = props;
  const custom = windowChoice.kind === 'custom' ? windowChoice : null;
  const themes = props.themes ?? [];
  // A theme has its own time of day, days and cell size (its panel under this form).
  const themeOn = props.theme !== null && props.theme !== undefined;
  // CCTV coverage keeps the cell size (the coverage is per cell) but takes no time of day or days.
  const cctvOn = props.cctv === true;
  const grouped = themes.length > 0 || props.cctvOffered === true;
  const groupOptions = props.groups.map((g) => (
    <option key={g.id} value={g.id}>
      {g.label}
    </option>
  ));

  return (
    <form className="controls" onSubmit={(event) => event.preventDefault()} aria-label="Map controls">
      <div className="field">
        <label htmlFor={`${id}-group`}>Layer</label>
        <select
          id={`${id}-group`}
          value={cctvOn ? CCTV_VALUE : props.theme ? `${THEME_VALUE_PREFIX}${props.theme}` : props.group}
          onChange={(event) => {
            const value = event.target.value;
            if (value === CCTV_VALUE) {
              props.onThemeChange?.(null);
              props.onCctvChange?.(true);
            } else if (value.startsWith(THEME_VALUE_PREFIX)) {
              props.onCctvChange?.(false);
              props.onThemeChange?.(value.slice(THEME_VALUE_PREFIX.length));
            } else {
              props.onCctvChange?.(false);
              props.onThemeChange?.(null);
              props.onGroupChange(value);
            }
          }}
        >
          {grouped ? <optgroup label="Layers">{groupOptions}</optgroup> : groupOptions}
          {themes.length > 0 && (
            <optgroup label="Themes">
              {themes.map((t) => (
                <option key={t.id} value={`${THEME_VALUE_PREFIX}${t.id}`}>
                  Theme: {t.label}
                </option>
              ))}
            </optgroup>
          )}
          {props.cctvOffered && (
            <optgroup label="Coverage">
              <option value={CCTV_VALUE}>CCTV coverage</option>
            </optgroup>
          )}
        </select>
        {props.layerCoverage && (
          <p className="fine-print layer-coverage" data-testid="layer-coverage">
            Data: {props.layerCoverage}
          </p>
        )}
      </div>

      <fieldset className="field window-choice">
        <legend>Time window</legend>
        {PRESET_DAYS.map((days) => (
          <label key={days} className="choice">
            <input
              type="radio"
              name={`${id}-window`}
              checked={windowChoice.kind === 'last' && windowChoice.days === days}
              onChange={() => props.onWindowChange({ kind: 'last', days })}
            />
            Last {days} days
          </label>
        ))}
        <label className="choice">
          <input
            type="radio"
            name={`${id}-window`}
            checked={windowChoice.kind === 'last-month'}
            onChange={() => props.onWindowChange({ kind: 'last-month' })}
          />
          Last full month
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-window`}
            checked={custom !== null}
            onChange={() => props.onWindowChange({ kind: 'custom', from: props.shownFrom, through: props.shownThrough })}
          />
          Custom dates
        </label>
        {custom && (
          <div className="custom-dates">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="date" value={custom.from} onChange={(event) => props.onWindowChange({ ...custom, from: event.target.value })} />
            <label htmlFor={`${id}-through`}>To (inclusive)</label>
            <input
              id={`${id}-through`}
              type="date"
              value={custom.through}
              onChange={(event) => props.onWindowChange({ ...custom, through: event.target.value })}
            />
          </div>
        )}
      </fieldset>

      {!themeOn && !cctvOn && (
        <>
          <FilterSelect
            id={`${id}-hours`}
            label="Time of day"
            options={TIME_OF_DAY_OPTIONS}
            value={props.timeFilter.hours}
            onChange={(hours) => props.onTimeFilterChange({ ...props.timeFilter, hours })}
          />
          <FilterSelect
            id={`${id}-weekdays`}
            label="Days"
            options={DAYS_OPTIONS}
            value={props.timeFilter.weekdays}
            onChange={(weekdays) => props.onTimeFilterChange({ ...props.timeFilter, weekdays })}
          />
        </>
      )}
      {!themeOn && (
        <>
          <div className="field">
            <label htmlFor={`${id}-resolution`}>Cell size</label>
            <select id={`${id}-resolution`} value={props.resolution} onChange={(event) => props.onResolutionChange(Number(event.target.value))}>
              {RESOLUTION_OPTIONS.map((option) => (
                <option key={option.resolution} value={option.resolution}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
    </form>
  );
}
