// The tasking form, to create one (from a hot spot, picked cells or a drawn shape) or edit
// one. The server checks everything; its refusals show beside the field they concern.
import { useId, useState, type ReactNode } from 'react';
import { dosageWarnings, KOPER } from '../../geo/taskings/koper';
import { describeBand } from '../../geo/taskings/time-bands';
import { changeTasking, createTasking, type Tasking, type TaskingOptions } from './tasking-api';
import {
  BAND_DAYS,
  bandOf,
  changesOf,
  newTaskingOf,
  PLANNER_FORM_FIELDS,
  dosageOf,
  problemsByField,
  type BandDraft,
  type FormField,
  type TaskingDraft,
} from './tasking-draft';
import type { AreaTool } from './use-taskings';

export interface TaskingFormProps {
  mode: 'create' | 'edit';
  /** The stored tasking, when editing. */
  tasking: Tasking | null;
  draft: TaskingDraft;
  role: string;
  options: TaskingOptions | null;
  tool: AreaTool;
  /** Corners placed so far while drawing, and whether the shape is finished. */
  vertexCount: number;
  shapeClosed: boolean;
  previewCells: number;
  setDraft: (update: (draft: TaskingDraft) => TaskingDraft) => void;
  setTool: (tool: AreaTool) => void;
  finishShape: () => void;
  clearArea: () => void;
  onSaved: (id: number) => void;
  onCancel: () => void;
}

const HOURS = Array.from({ length: 25 }, (_, h) => h);

export function TaskingForm(props: TaskingFormProps) {
  const { mode, tasking, draft, role, options, setDraft } = props;
  const id = useId();
  const [problems, setProblems] = useState<Partial<Record<FormField, string[]>>>({});
  const [busy, setBusy] = useState(false);
  const plannerOnly = role === 'planner';
  const editable = (field: FormField) => !plannerOnly || PLANNER_FORM_FIELDS.includes(field);
  const set = <K extends keyof TaskingDraft>(key: K, value: TaskingDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const dosage = dosageOf(draft);
  const warnings =
    dosage && Number.isInteger(dosage.visitsPerDay) && Number.isInteger(dosage.minutesPerVisit) && dosage.visitsPerDay > 0 && dosage.minutesPerVisit > 0
      ? dosageWarnings(dosage, draft.bands.filter((b) => b.weekdays !== '' || b.fromHour !== null).map(bandOf))
      : [];

  const save = async () => {
    setBusy(true);
    const result =
      mode === 'create'
        ? await createTasking(newTaskingOf(draft))
        : await changeTasking(tasking!.id, changesOf(tasking!, draft, plannerOnly ? PLANNER_FORM_FIELDS : null));
    setBusy(false);
    if (result.ok) {
      setProblems({});
      props.onSaved(result.value.tasking.id);
      return;
    }
    if (result.reason.fields) setProblems(problemsByField(result.reason.fields));
    else if (result.reason.code === 'version_conflict')
      setProblems({
        general: ['Someone else changed this tasking while you were editing it. Cancel, open it again and make your change on the current version.'],
      });
    else setProblems({ general: [result.reason.message] });
  };

  const problemOf = (field: FormField): ReactNode =>
    problems[field] ? (
      <span className="field-problem" role="alert" data-testid={`problem-${field}`}>
        {problems[field]!.join(' ')}
      </span>
    ) : null;

  const areaText =
    draft.area.cells.length > 0
      ? `${draft.area.cells.length} cell${draft.area.cells.length === 1 ? '' : 's'} at H3 ${draft.area.resolution}`
      : draft.area.polygon
        ? `a drawn shape: about ${props.previewCells} cell${props.previewCells === 1 ? '' : 's'} at H3 ${draft.area.resolution} (cells outside the borough are left out)`
        : 'no area yet';

  return (
    <form
      className="tasking-form"
      aria-label={mode === 'create' ? 'New tasking' : 'Edit tasking'}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="column-head">
        <h2>{mode === 'create' ? 'New tasking' : 'Edit tasking'}</h2>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      {problemOf('general')}

      <fieldset className="field area-field" disabled={!editable('area')}>
        <legend>Area</legend>
        <p data-testid="draft-area">{areaText}</p>
        <div className="button-row">
          <button type="button" aria-pressed={props.tool === 'pick'} onClick={() => props.setTool(props.tool === 'pick' ? 'none' : 'pick')}>
            {props.tool === 'pick' ? 'Done picking' : 'Pick cells on the map'}
          </button>
          <button type="button" aria-pressed={props.tool === 'draw'} onClick={() => props.setTool(props.tool === 'draw' ? 'none' : 'draw')}>
            Draw a shape
          </button>
          {props.tool === 'draw' && (
            <button type="button" onClick={props.finishShape} disabled={props.vertexCount < 3}>
              Finish shape
            </button>
          )}
          {(draft.area.cells.length > 0 || draft.area.polygon) && (
            <button type="button" onClick={props.clearArea}>
              Clear
            </button>
          )}
        </div>
        {props.tool === 'pick' && <p className="tool-hint">Click cells on the map to add or remove them.</p>}
        {props.tool === 'draw' && <p className="tool-hint">Click the map to place the corners ({props.vertexCount} so far), then Finish shape.</p>}
        {problemOf('area')}
      </fieldset>

      <Field id={`${id}-title`} label="Title" problem={problemOf('title')}>
        <input id={`${id}-title`} type="text" value={draft.title} onChange={(e) => set('title', e.target.value)} disabled={!editable('title')} required />
      </Field>
      <Field id={`${id}-theme`} label="Theme" problem={problemOf('theme')}>
        <select id={`${id}-theme`} value={draft.theme} onChange={(e) => set('theme', e.target.value)} disabled={!editable('theme')}>
          {draft.theme === '' && <option value="">Categories as stored</option>}
          {options?.themes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-problem`} label="Problem (the evidence)" problem={problemOf('problem')}>
        <textarea
          id={`${id}-problem`}
          rows={2}
          value={draft.problem}
          onChange={(e) => set('problem', e.target.value)}
          disabled={!editable('problem')}
          required
        />
      </Field>
      <Field id={`${id}-objective`} label="Objective" problem={problemOf('objective')}>
        <textarea
          id={`${id}-objective`}
          rows={2}
          value={draft.objective}
          onChange={(e) => set('objective', e.target.value)}
          disabled={!editable('objective')}
          required
        />
      </Field>

      <div className="date-grid">
        <Field id={`${id}-start`} label="Start" problem={problemOf('startDate')}>
          <input
            id={`${id}-start`}
            type="date"
            value={draft.startDate}
            onChange={(e) => set('startDate', e.target.value)}
            disabled={!editable('startDate')}
            required
          />
        </Field>
        <Field id={`${id}-review`} label="Review" problem={problemOf('reviewDate')}>
          <input
            id={`${id}-review`}
            type="date"
            value={draft.reviewDate}
            onChange={(e) => set('reviewDate', e.target.value)}
            disabled={!editable('reviewDate')}
            required
          />
        </Field>
        <Field id={`${id}-end`} label="End (optional)" problem={problemOf('endDate')}>
          <input id={`${id}-end`} type="date" value={draft.endDate} onChange={(e) => set('endDate', e.target.value)} disabled={!editable('endDate')} />
        </Field>
      </div>

      {(mode === 'create' || tasking?.status === 'proposed') && (
        <Field id={`${id}-status`} label="Status" problem={problemOf('status')}>
          <select
            id={`${id}-status`}
            value={draft.status}
            onChange={(e) => set('status', e.target.value === 'proposed' ? 'proposed' : 'active')}
            disabled={!editable('status')}
          >
            <option value="active">Active: agreed, starts on the start date</option>
            <option value="proposed">Proposed: for the meeting to agree</option>
          </select>
        </Field>
      )}

      <fieldset className="field" disabled={!editable('bands')}>
        <legend>When (time bands, London time)</legend>
        {draft.bands.length === 0 && <p className="fine-print">Any time. Add a band to say when the problem happens and patrols should be there.</p>}
        {draft.bands.map((band, k) => (
          <BandRow
            key={k}
            id={`${id}-band-${k}`}
            band={band}
            onChange={(next) =>
              set(
                'bands',
                draft.bands.map((b, j) => (j === k ? next : b)),
              )
            }
            onRemove={() =>
              set(
                'bands',
                draft.bands.filter((_, j) => j !== k),
              )
            }
          />
        ))}
        <button type="button" onClick={() => set('bands', [...draft.bands, { weekdays: 'mon-fri', fromHour: 15, toHour: 18 }])}>
          Add a time band
        </button>
        {problemOf('bands')}
      </fieldset>

      <fieldset className="field" disabled={!editable('tactics')}>
        <legend>Tactics</legend>
        <div className="checkbox-grid">
          {options?.tactics.map((t) => (
            <label key={t.id} className="choice">
              <input
                type="checkbox"
                checked={draft.tactics.includes(t.id)}
                onChange={(e) => set('tactics', e.target.checked ? [...draft.tactics, t.id] : draft.tactics.filter((x) => x !== t.id))}
              />
              {t.label}
            </label>
          ))}
        </div>
        {problemOf('tactics')}
      </fieldset>

      <div className="date-grid">
        <Field id={`${id}-team`} label="Team" problem={problemOf('team')}>
          <select id={`${id}-team`} value={draft.team} onChange={(e) => set('team', e.target.value)}>
            {options?.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-owner`} label="Owner" problem={problemOf('owner')}>
          <select id={`${id}-owner`} value={draft.owner} onChange={(e) => set('owner', e.target.value)}>
            {options?.owners.map((o) => (
              <option key={o.username} value={o.username}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <fieldset className="field">
        <legend>Planned dosage</legend>
        <div className="date-grid">
          <Field id={`${id}-visits`} label="Visits a day" problem={null}>
            <input id={`${id}-visits`} type="number" min={1} max={48} value={draft.visitsPerDay} onChange={(e) => set('visitsPerDay', e.target.value)} />
          </Field>
          <Field id={`${id}-minutes`} label="Minutes a visit" problem={null}>
            <input
              id={`${id}-minutes`}
              type="number"
              min={1}
              max={480}
              value={draft.minutesPerVisit}
              onChange={(e) => set('minutesPerVisit', e.target.value)}
            />
          </Field>
        </div>
        <p className="fine-print">{KOPER.guidance}</p>
        {warnings.map((w) => (
          <p key={w} className="koper-warning" data-testid="koper-warning">
            {w}
          </p>
        ))}
        {problemOf('dosage')}
      </fieldset>

      <button type="submit" className="primary" disabled={busy}>
        {mode === 'create' ? 'Create tasking' : 'Save changes'}
      </button>
    </form>
  );
}

function Field({ id, label, problem, children }: { id: string; label: string; problem: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {problem}
    </div>
  );
}

function BandRow({ id, band, onChange, onRemove }: { id: string; band: BandDraft; onChange: (band: BandDraft) => void; onRemove: () => void }) {
  if (band.raw) {
    return (
      <div className="band-row">
        <span className="band-raw">{describeBand(band.raw)}</span>
        <button type="button" onClick={onRemove} aria-label="Remove this time band">
          ×
        </button>
      </div>
    );
  }
  const allDay = band.fromHour === null;
  return (
    <div className="band-row">
      <label className="visually-hidden" htmlFor={`${id}-days`}>
        Days
      </label>
      <select id={`${id}-days`} value={band.weekdays} onChange={(e) => onChange({ ...band, weekdays: e.target.value })}>
        {BAND_DAYS.map((d) => (
          <option key={d.value} value={d.value}>
            {d.label}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor={`${id}-from`}>
        From hour
      </label>
      <select
        id={`${id}-from`}
        value={allDay ? '' : String(band.fromHour)}
        onChange={(e) =>
          onChange(
            e.target.value === ''
              ? { ...band, fromHour: null, toHour: null }
              : { ...band, fromHour: Number(e.target.value), toHour: band.toHour ?? (Number(e.target.value) + 3) % 24 },
          )
        }
      >
        <option value="">All day</option>
        {HOURS.slice(0, 24).map((h) => (
          <option key={h} value={h}>
            from {String(h).padStart(2, '0')}:00
          </option>
        ))}
      </select>
      {!allDay && (
        <>
          <label className="visually-hidden" htmlFor={`${id}-to`}>
            To hour
          </label>
          <select id={`${id}-to`} value={String(band.toHour)} onChange={(e) => onChange({ ...band, toHour: Number(e.target.value) })}>
            {HOURS.slice(1).map((h) => (
              <option key={h} value={h % 24}>
                to {String(h % 24).padStart(2, '0')}:00
              </option>
            ))}
          </select>
        </>
      )}
      <button type="button" onClick={onRemove} aria-label="Remove this time band">
        ×
      </button>
    </div>
  );
}
