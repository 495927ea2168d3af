// The column beside the map while a theme is on screen: the theme's answer in words and its
// table, or why there is none (the server's own message).
import type { Loadable } from '../use-view-data';
import { DrugMarketsPanel } from './drug-markets-panel';
import { SchoolsPanel } from './schools-panel';
import { messageForScreen } from './theme-words';
import { ViolencePanel } from './violence-panel';
import type { ThemeAnswer } from './use-theme-view';

export interface ThemeColumnProps {
  label: string;
  question: string;
  answer: Loadable<ThemeAnswer> | null;
  selectedUrn: string | null;
  onSelectSchool: (urn: string | null) => void;
  selectedHotspot: number | null;
  onSelectHotspot: (id: number | null) => void;
  /** The ward a group of cells lies in, when known. */
  placeOf: (cells: readonly string[]) => string | null;
}

export function ThemeColumn(props: ThemeColumnProps) {
  const { answer } = props;
  const loaded = answer?.status === 'loaded' ? answer.value : null;
  return (
    <aside className="theme-column" aria-label="Theme">
      {!loaded && (
        <section className="theme-panel" aria-labelledby="theme-heading">
          <h2 id="theme-heading">{props.label}</h2>
          <p className="fine-print">{props.question}</p>
          {(answer === null || answer.status === 'loading') && <p>Calculating…</p>}
          {answer?.status === 'failed' && (
            <p className="window-error" role="alert" data-testid="theme-failure">
              {messageForScreen(answer.failure)}
            </p>
          )}
        </section>
      )}
      {loaded?.theme === 'schools-robbery' && <SchoolsPanel response={loaded.response} selectedUrn={props.selectedUrn} onSelect={props.onSelectSchool} />}
      {loaded?.theme === 'drug-markets' && (
        <DrugMarketsPanel response={loaded.response} selectedHotspot={props.selectedHotspot} onSelect={props.onSelectHotspot} />
      )}
      {loaded?.theme === 'serious-violence' && (
        <ViolencePanel response={loaded.response} selectedHotspot={props.selectedHotspot} onSelect={props.onSelectHotspot} placeOf={props.placeOf} />
      )}
    </aside>
  );
}
