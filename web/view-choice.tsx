// "Show": which analysis the map draws. A native radio group, so arrow keys move between
// views and screen readers announce the group; the harm checkbox belongs to hot spots only.
import { useId } from 'react';
import { VIEW_OPTIONS, type MapViewName } from './view-colours';

export interface ViewChoiceProps {
  view: MapViewName;
  onViewChange: (view: MapViewName) => void;
  harm: boolean;
  onHarmChange: (harm: boolean) => void;
}

export function ViewChoice({ view, onViewChange, harm, onHarmChange }: ViewChoiceProps) {
  const id = useId();
  return (
    <form className="controls" onSubmit={(event) => event.preventDefault()} aria-label="What the map shows">
      <fieldset className="field window-choice view-choice">
        <legend>Show</legend>
        {VIEW_OPTIONS.map((option) => (
          <label key={option.view} className="choice">
            <input type="radio" name={`${id}-view`} checked={view === option.view} onChange={() => onViewChange(option.view)} />
            <span>
              {option.label} <span className="choice-hint">{option.hint}</span>
            </span>
          </label>
        ))}
        {view === 'hotspots' && (
          <label className="choice harm-choice">
            <input type="checkbox" checked={harm} onChange={(event) => onHarmChange(event.target.checked)} />
            Weight by harm
          </label>
        )}
      </fieldset>
    </form>
  );
}
