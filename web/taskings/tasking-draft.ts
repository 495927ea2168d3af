// The tasking form's state and what it sends. Pure: the rules (prefill from a hot spot, the
// request body, which form field a server refusal belongs to) are tested without a browser.
import { cellCentre, cellsWithinDistance } from '../../geo/h3';
import type { TimeBand } from '../../geo/taskings/time-bands';
import { createAreaTest, type AreaGeometry } from '../../geo/study-area';
import { isoDateOfDay, parseIsoDate } from '../../geo/time';
import type { NewTasking, Tasking, TaskingChange } from './tasking-api';

export const BAND_DAYS = [
  { value: '', label: 'Every day' },
  { value: 'mon-fri', label: 'Mon-Fri' },
  { value: 'sat,sun', label: 'Sat-Sun' },
  { value: 'fri,sat', label: 'Fri-Sat' },
] as const;

export interface BandDraft {
  /** weekdays= text, '' for every day. */
  weekdays: string;
  /** London hours [from, to); null both for all day. 'to' may be smaller than 'from' (across midnight). */
  fromHour: number | null;
  toHour: number | null;
  /** A stored band the form's choices cannot show (e.g. hours '22-2,5-6'): kept as it is unless removed. */
  raw?: TimeBand;
}

/** A drawn area: one closed ring of [lng, lat], as the server takes it. */
export interface DrawnPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}

export function drawnPolygonOf(polygon: GeoJSON.Polygon): DrawnPolygon {
  return { type: 'Polygon', coordinates: polygon.coordinates.map((ring) => ring.map((p) => [p[0]!, p[1]!] as [number, number])) };
}

export interface AreaDraft {
  resolution: number;
  cells: string[];
  polygon: DrawnPolygon | null;
}

export interface TaskingDraft {
  title: string;
  theme: string;
  problem: string;
  objective: string;
  startDate: string;
  reviewDate: string;
  /** '' for none. */
  endDate: string;
  status: 'proposed' | 'active';
  tactics: string[];
  team: string;
  owner: string;
  bands: BandDraft[];
  /** Text of the number inputs; '' for no planned dosage. */
  visitsPerDay: string;
  minutesPerVisit: string;
  area: AreaDraft;
  /** The map window the evidence is taken from; null lets the server choose the latest data. */
  evidence: { from: string; to: string; hours: string | null; weekdays: string | null } | null;
}

/** Form sections a server refusal can point at. */
export type FormField =
  | 'title'
  | 'theme'
  | 'problem'
  | 'objective'
  | 'startDate'
  | 'reviewDate'
  | 'endDate'
  | 'status'
  | 'tactics'
  | 'team'
  | 'owner'
  | 'bands'
  | 'dosage'
  | 'area'
  | 'general';

/** The form section a server field name belongs to, e.g. 'timeBands.0.hours' -> 'bands'. */
export function formFieldOf(field: string): FormField {
  const head = field.split('.')[0]!;
  const direct: Record<string, FormField> = {
    title: 'title',
    theme: 'theme',
    categories: 'theme',
    problem: 'problem',
    objective: 'objective',
    startDate: 'startDate',
    reviewDate: 'reviewDate',
    endDate: 'endDate',
    status: 'status',
    tactics: 'tactics',
    team: 'team',
    owner: 'owner',
    timeBands: 'bands',
    plannedDosage: 'dosage',
    cells: 'area',
    polygon: 'area',
    resolution: 'area',
    evidence: 'area',
  };
  return direct[head] ?? 'general';
}

/** Server refusals grouped by form section, so each shows beside its input. */
export function problemsByField(fields: readonly { field: string; message: string }[]): Partial<Record<FormField, string[]>> {
  const grouped: Partial<Record<FormField, string[]>> = {};
  for (const { field, message } of fields) (grouped[formFieldOf(field)] ??= []).push(message);
  return grouped;
}

export function addDays(isoDate: string, days: number): string {
  const day = parseIsoDate(isoDate);
  return day.ok ? isoDateOfDay(day.value + days) : isoDate;
}

export function emptyDraft(options: { today: string; theme: string; team: string; owner: string; resolution: number }): TaskingDraft {
  return {
    title: '',
    theme: options.theme,
    problem: '',
    objective: '',
    startDate: options.today,
    reviewDate: addDays(options.today, 28),
    endDate: '',
    status: 'active',
    tactics: [],
    team: options.team,
    owner: options.owner,
    bands: [],
    visitsPerDay: '',
    minutesPerVisit: '',
    area: { resolution: options.resolution, cells: [], polygon: null },
    evidence: null,
  };
}

/** A band's API form: hours as 'from-to', or null for all day. */
export function bandOf(band: BandDraft): TimeBand {
  if (band.raw) return band.raw;
  const hours = band.fromHour === null || band.toHour === null ? null : `${band.fromHour}-${band.toHour}`;
  return { weekdays: band.weekdays === '' ? null : band.weekdays, hours };
}

export function bandDraftOf(band: TimeBand): BandDraft {
  const m = band.hours ? /^(\d{1,2})-(\d{1,2})$/.exec(band.hours) : null;
  const draft: BandDraft = { weekdays: band.weekdays ?? '', fromHour: m ? Number(m[1]) : null, toHour: m ? Number(m[2]) : null };
  const shown = BAND_DAYS.some((d) => d.value === draft.weekdays) && (band.hours === null || m !== null);
  return shown ? draft : { ...draft, raw: band };
}

/** The planned dosage the form holds, as typed (the server names what is not a whole number); null when both are empty. */
export function dosageOf(draft: TaskingDraft): { visitsPerDay: number; minutesPerVisit: number } | null {
  if (draft.visitsPerDay.trim() === '' && draft.minutesPerVisit.trim() === '') return null;
  return { visitsPerDay: Number(draft.visitsPerDay), minutesPerVisit: Number(draft.minutesPerVisit) };
}

/** The request body that creates the drafted tasking. */
export function newTaskingOf(draft: TaskingDraft): NewTasking {
  const area =
    draft.area.cells.length > 0
      ? { cells: draft.area.cells, ...(draft.area.polygon ? { polygon: draft.area.polygon } : {}) }
      : draft.area.polygon
        ? { polygon: draft.area.polygon, resolution: draft.area.resolution }
        : { cells: [] };
  return {
    title: draft.title,
    theme: draft.theme,
    problem: draft.problem,
    objective: draft.objective,
    startDate: draft.startDate,
    reviewDate: draft.reviewDate,
    ...(draft.endDate ? { endDate: draft.endDate } : {}),
    status: draft.status,
    tactics: draft.tactics,
    team: draft.team,
    owner: draft.owner,
    timeBands: draft.bands.map(bandOf),
    plannedDosage: dosageOf(draft),
    ...area,
    ...(draft.evidence ? { evidence: draft.evidence } : {}),
  };
}

/** The form prefilled from a stored tasking, to edit it. */
export function draftOfTasking(tasking: Tasking): TaskingDraft {
  return {
    title: tasking.title,
    theme: tasking.theme ?? '',
    problem: tasking.problem,
    objective: tasking.objective,
    startDate: tasking.startDate,
    reviewDate: tasking.reviewDate,
    endDate: tasking.endDate ?? '',
    status: tasking.status === 'proposed' ? 'proposed' : 'active',
    tactics: [...tasking.tactics],
    team: tasking.team,
    owner: tasking.owner,
    bands: tasking.timeBands.map(bandDraftOf),
    visitsPerDay: tasking.plannedDosage ? String(tasking.plannedDosage.visitsPerDay) : '',
    minutesPerVisit: tasking.plannedDosage ? String(tasking.plannedDosage.minutesPerVisit) : '',
    area: { resolution: tasking.resolution, cells: [...tasking.cells], polygon: tasking.polygon ? drawnPolygonOf(tasking.polygon) : null },
    evidence: null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what the form changed, with the version it was based on: the PATCH body. */
export function changesOf(tasking: Tasking, draft: TaskingDraft, fields: readonly FormField[] | null): TaskingChange {
  const allowed = (field: FormField) => fields === null || fields.includes(field);
  const change: TaskingChange = { version: tasking.version };
  if (allowed('title') && draft.title !== tasking.title) change.title = draft.title;
  if (allowed('theme') && draft.theme !== (tasking.theme ?? '') && draft.theme !== '') change.theme = draft.theme;
  if (allowed('problem') && draft.problem !== tasking.problem) change.problem = draft.problem;
  if (allowed('objective') && draft.objective !== tasking.objective) change.objective = draft.objective;
  if (allowed('startDate') && draft.startDate !== tasking.startDate) change.startDate = draft.startDate;
  if (allowed('reviewDate') && draft.reviewDate !== tasking.reviewDate) change.reviewDate = draft.reviewDate;
  if (allowed('endDate') && draft.endDate !== (tasking.endDate ?? '')) change.endDate = draft.endDate === '' ? null : draft.endDate;
  if (allowed('status') && tasking.status === 'proposed' && draft.status === 'active') change.status = 'active';
  if (allowed('tactics') && !same(draft.tactics, tasking.tactics)) change.tactics = draft.tactics;
  if (allowed('team') && draft.team !== tasking.team) change.team = draft.team;
  if (allowed('owner') && draft.owner !== tasking.owner) change.owner = draft.owner;
  if (allowed('bands') && !same(draft.bands.map(bandOf), tasking.timeBands)) change.timeBands = draft.bands.map(bandOf);
  if (allowed('dosage') && !same(dosageOf(draft), tasking.plannedDosage)) change.plannedDosage = dosageOf(draft);
  if (allowed('area') && !same(draft.area.cells, tasking.cells)) {
    if (draft.area.cells.length > 0) {
      change.cells = draft.area.cells;
      change.polygon = draft.area.polygon;
    } else if (draft.area.polygon) {
      // A redrawn shape: the server turns it into cells at the form's cell size.
      change.polygon = draft.area.polygon;
      change.resolution = draft.area.resolution;
    }
  }
  return change;
}

/** What the planner role may change (the server refuses the rest). */
export const PLANNER_FORM_FIELDS: readonly FormField[] = ['team', 'owner', 'dosage'];

export interface HotspotCell {
  cell: string;
  bin: number;
  count: number;
}

/**
 * A hot spot to task: the cell and its touching cells that are significant hot spots too and
 * hold incidents. Gi* (k = 1) also lifts empty cells next to a very hot one; tasking those
 * would send patrols where nothing happened.
 */
export function hotspotCluster(cell: string, cells: readonly HotspotCell[]): HotspotCell[] {
  const byCell = new Map(cells.map((c) => [c.cell, c] as const));
  return cellsWithinDistance(cell, 1)
    .map((c) => byCell.get(c))
    .filter((c): c is HotspotCell => c !== undefined && (c.cell === cell || (c.bin > 0 && c.count > 0)))
    .sort((a, b) => (a.cell < b.cell ? -1 : 1));
}

const CONFIDENCE: Record<number, string> = { 1: '90%', 2: '95%', 3: '99%' };

/** The problem line an analyst would write from the hot spot, e.g. 'Gi* 99% hot spot (3 cells): 23 robbery incidents, 9 Nov to 6 Dec'. */
export function problemOfHotspot(cluster: readonly HotspotCell[], layerLabel: string, windowText: string): string {
  const top = Math.max(...cluster.map((c) => c.bin));
  const total = cluster.reduce((sum, c) => sum + c.count, 0);
  const cells = `${cluster.length} cell${cluster.length === 1 ? '' : 's'}`;
  return `Gi* ${CONFIDENCE[top] ?? ''} hot spot (${cells}): ${total} ${layerLabel.toLowerCase()} incident${total === 1 ? '' : 's'}, ${windowText}`.replace(
    'Gi*  hot',
    'Gi* hot',
  );
}

/** The name of the first area (ward) holding the centre of the first of the cells, or null. */
export function placeOfCells(cells: readonly string[], areas: readonly { name: string; geometry: AreaGeometry }[]): string | null {
  if (cells.length === 0) return null;
  const [lng, lat] = cellCentre(cells[0]!);
  return areas.find((area) => createAreaTest(area.geometry).contains(lng, lat))?.name ?? null;
}
