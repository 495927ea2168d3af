// Serious violence as the partnership defines it (issue 11; decision 027): the query, the
// statistics on the compute worker (serious-violence-task.ts), and the words the answer and the
// screen carry: which definition is shown, and how many incidents at a dwelling the tasking view
// leaves out while the borough total counts them.
import { z } from 'zod';
import { themeCategoriesParam } from './theme-categories-param';
import { categoryBySlug } from '../../geo/categories';
import { themeById } from '../../geo/themes';
import { fail, ok, type Result } from '../../geo/types';
import { MAX_WINDOW_DAYS } from '../../geo/windows';
import type { AppDeps } from '../app-deps';
import type { EngineFailure } from '../hotspots/hotspot-service';
import type { IncidentIndex } from '../incidents/incident-index';
import { reportTimeFilter, type TimeFilterReport } from '../incidents/window-counts';
import {
  hoursParam,
  isoDay,
  resolutionParam,
  schoolDayFilter,
  schoolDaysParam,
  timeFilterOf,
  weekdaysParam,
  type AskedTimeFilter,
} from '../incidents/window-params';
import { ANY_OFFENCE_FLAGS, POLICE_UK_APPROXIMATION, type SeriousViolenceResult } from './serious-violence-task';

const THEME = themeById('serious-violence')!;
const DWELLINGS = THEME.settings.find((s) => s.parameter === 'includeDwellings')!;

export const seriousViolenceQuerySchema = z
  .object({
    from: isoDay('from'),
    to: isoDay('to'),
    resolution: resolutionParam.default(9),
    includeDwellings: z
      .enum(['exclude', 'include'], { error: 'expected exclude (leave out incidents inside homes, the tasking view) or include' })
      .default(DWELLINGS.default as 'exclude'),
    categories: themeCategoriesParam(THEME, `some of ${THEME.selectableCategories.join(', ')}`),
    hours: hoursParam,
    weekdays: weekdaysParam,
    schoolDays: schoolDaysParam,
  })
  .superRefine((q, ctx) => {
    if (q.to <= q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from (the window is [from, to))' });
    if (q.to - q.from > MAX_WINDOW_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
  });

export type SeriousViolenceQueryParams = z.output<typeof seriousViolenceQuerySchema>;

export const DEFINITION_LABELS = {
  partner: "Serious violence: the partnership's definition (partner data with flags)",
  'police-uk-monthly': "Violence and sexual offences with possession of weapons (police.uk, monthly): an approximation of the partnership's definition",
} as const;

export interface SeriousViolenceAnswer {
  result: SeriousViolenceResult;
  label: string;
  definitionRule: string;
  timeFilter: TimeFilterReport | null;
  notes: string[];
  /** What the view does with incidents inside homes, and the borough total. */
  dwellingsNote: string;
}

/** 13626 → '13,626', as people read it. */
const n = (count: number) => count.toLocaleString('en-GB');

const labelsOf = (slugs: readonly string[]) => slugs.map((s) => categoryBySlug(s)?.label ?? s).join(', ');

export async function seriousViolence(
  deps: AppDeps,
  index: IncidentIndex,
  q: SeriousViolenceQueryParams,
  asked: AskedTimeFilter,
): Promise<Result<SeriousViolenceAnswer, EngineFailure>> {
  const timeFilter = timeFilterOf(q.hours, q.weekdays, schoolDayFilter(deps.schoolCalendar, q.schoolDays));
  const run = await deps.compute.run('seriousViolence', {
    fromDay: q.from,
    toDay: q.to,
    h3Resolution: q.resolution,
    categories: q.categories,
    includeDwellings: q.includeDwellings === 'include',
    timeFilter,
    k: 1,
    correction: 'fdr',
  });
  if (!run.ok) return fail(run.reason);
  const result = run.value;
  const partner = result.definition === 'partner';
  const definitionRule = partner
    ? `Partner records with flags: ${labelsOf(result.categories)}, and any offence marked ${ANY_OFFENCE_FLAGS.join(', ')}` +
      (q.includeDwellings === 'include' ? '.' : ', leaving out incidents inside a dwelling (domestic abuse at home is not something a patrol deters).')
    : `police.uk ${labelsOf(POLICE_UK_APPROXIMATION)}, counted by month.`;
  const { totals } = result;
  const notes: string[] = [];
  let dwellingsNote: string;
  if (partner) {
    notes.push(
      "Records without flags (police.uk, partner files without flag columns) are not counted under the partnership's definition; the window has " +
        `${n(result.flaggedPartnerIncidents)} partner records with flags.`,
    );
    dwellingsNote =
      q.includeDwellings === 'include'
        ? `Incidents inside homes are included: ${n(totals.layer)} in all.`
        : `The tasking view leaves out ${n(totals.dwellingsLeftOut)} incidents inside a dwelling (domestic abuse at home): ${n(totals.layer)} are mapped; the borough total of ${n(totals.borough)} counts them.`;
  } else {
    notes.push(
      "No partner data with flags covers this window, so the layer shows police.uk's Violence and sexual offences with Possession of weapons: " +
        "an approximation of the partnership's definition, known only to the month.",
    );
    dwellingsNote = 'police.uk records say nothing of homes, so domestic abuse at home cannot be left out.';
  }
  const report = reportTimeFilter(index, { categories: result.categories, fromDay: q.from, toDay: q.to, timeFilter, flagRule: result.flagRule }, asked);
  if (report?.note) notes.push(report.note);
  if (result.gistar.coverageNote) notes.push(result.gistar.coverageNote);
  return ok({ result, label: DEFINITION_LABELS[result.definition], definitionRule, timeFilter: report, notes, dwellingsNote });
}
