// The theme layers (issue 11): the themes' configuration, and each theme's layer.
import { Hono } from 'hono';
import { THEMES, themeById } from '../../geo/themes';
import { isoDateOfDay } from '../../geo/time';
import type { AppDeps } from '../app-deps';
import type { AppEnv } from '../app-env';
import { allow, STAFF } from '../auth/roles';
import { answerVersion } from '../compute/answer-version';
import { failureBody } from '../hotspots/hotspot-service';
import { hasDemoData } from '../store/import-batches';
import { validate } from '../validation';
import { drugMarketQuerySchema, drugMarkets } from './drug-markets-service';
import { schoolsRobbery, schoolsRobberyQuerySchema } from './schools-robbery-service';
import { calendarInUse } from '../schools/school-calendar-store';
import { askedTimeFilter } from '../incidents/window-params';
import { seriousViolence, seriousViolenceQuerySchema } from './serious-violence-service';

export function themeRoutes(deps: AppDeps) {
  const drugTheme = themeById('drug-markets')!;
  const schoolsTheme = themeById('schools-robbery')!;
  const violenceTheme = themeById('serious-violence')!;
  // Staff only: public layers come with the public view (issue 15).
  return new Hono<AppEnv>()
    .get('/themes', allow(...STAFF), (c) => c.json({ themes: THEMES }))
    .get('/themes/schools-robbery', allow(...STAFF), validate('query', schoolsRobberyQuerySchema), async (c) => {
      const q = c.req.valid('query');
      const index = await deps.compute.index([q.resolution]);
      return deps.answers.answer(c, answerVersion(deps.db, index), async () => {
        const answer = schoolsRobbery(deps, index, q);
        const calendar = calendarInUse(deps.db);
        return c.json({
          meta: {
            theme: schoolsTheme.id,
            label: answer.label,
            mode: answer.mode,
            from: isoDateOfDay(q.from),
            to: isoDateOfDay(q.to),
            previousPeriod: { from: isoDateOfDay(answer.previousPeriod.fromDay), to: isoDateOfDay(answer.previousPeriod.toDay) },
            bufferMeters: q.bufferMeters,
            hours: q.hours?.text ?? 'any',
            schoolDays: q.schoolDays,
            categories: q.categories,
            phases: q.phases,
            resolution: q.resolution,
            calendar: {
              assumed: calendar.assumed,
              years: calendar.years.map((y) => ({ schoolYear: y.schoolYear, source: y.source, fileName: y.fileName })),
            },
            timeFilter: answer.timeFilter,
            schoolsWithoutLocation: answer.schoolsWithoutLocation,
            caveats: schoolsTheme.caveats,
            notes: answer.notes,
            demo: hasDemoData(deps.db),
          },
          schools: answer.schools,
          cells: answer.cells,
        });
      });
    })
    .get('/themes/drug-markets', allow(...STAFF), validate('query', drugMarketQuerySchema), async (c) => {
      const q = c.req.valid('query');
      const index = await deps.compute.index([q.resolution]);
      return deps.answers.answer(c, answerVersion(deps.db, index), async () => {
        const answer = await drugMarkets(deps, q);
        if (!answer.ok) return c.json(failureBody(answer.reason), answer.reason.status);
        const { result, hotspots } = answer.value;
        const count = (p: string) => result.cells.filter((cell) => cell.persistence === p).length;
        return c.json({
          meta: {
            theme: drugTheme.id,
            label: drugTheme.label,
            from: isoDateOfDay(q.from),
            to: isoDateOfDay(q.to),
            resolution: q.resolution,
            windowLength: answer.value.windowLength,
            windows: result.windows,
            components: answer.value.components.map(({ id, label, source, weight }) => ({ id, label, source, weight })),
            scales: result.scales,
            indexRule:
              'Each part is divided by its mean per study cell over the windows, weighted and added; Gi* (k = 1, FDR) on the index gives the hot cells (95% or more), and the run of hot windows gives persistent (two thirds of them, the last included), new (only the latest) or fading (not the last).',
            positiveOutcomeMeasure: answer.value.boroughPositiveOutcome.measure,
            positiveOutcomeLabel: answer.value.boroughPositiveOutcome.label,
            caveats: drugTheme.caveats,
            notes: result.notes,
            demo: hasDemoData(deps.db),
          },
          summary: {
            studyCells: result.studyCells,
            hotCells: result.cells.filter((cell) => cell.bin >= 2).length,
            persistent: count('persistent'),
            new: count('new'),
            fading: count('fading'),
            boroughSearches: answer.value.boroughSearches.searches,
            boroughPositiveOutcome: answer.value.boroughPositiveOutcome,
          },
          hotspots,
          cells: result.cells,
        });
      });
    })
    .get('/themes/serious-violence', allow(...STAFF), validate('query', seriousViolenceQuerySchema), async (c) => {
      const q = c.req.valid('query');
      const index = await deps.compute.index([q.resolution]);
      return deps.answers.answer(c, answerVersion(deps.db, index), async () => {
        const answer = await seriousViolence(
          deps,
          index,
          q,
          askedTimeFilter((name) => c.req.query(name)),
        );
        if (!answer.ok) return c.json(failureBody(answer.reason), answer.reason.status);
        const { result } = answer.value;
        const gistar = result.gistar;
        return c.json({
          meta: {
            theme: violenceTheme.id,
            label: answer.value.label,
            definition: result.definition,
            definitionRule: answer.value.definitionRule,
            basis: violenceTheme.basis,
            from: isoDateOfDay(q.from),
            to: isoDateOfDay(q.to),
            resolution: q.resolution,
            includeDwellings: q.includeDwellings,
            categories: result.categories,
            flagRule: result.flagRule,
            timeFilter: answer.value.timeFilter,
            outsideStudyArea: gistar.outsideStudyArea,
            partialCount: gistar.partialCount,
            caveats: violenceTheme.caveats,
            dwellingsNote: answer.value.dwellingsNote,
            notes: answer.value.notes,
            demo: hasDemoData(deps.db),
          },
          totals: { ...result.totals, flaggedPartnerIncidents: result.flaggedPartnerIncidents },
          summary: gistar.summary,
          cells: gistar.cells
            .filter((cell) => cell.count > 0 || cell.bin !== 0)
            .map((cell) => ({
              cell: cell.cell,
              count: cell.count,
              z: Number.isNaN(cell.z) ? null : cell.z,
              pAdjusted: Number.isNaN(cell.pAdjusted) ? null : cell.pAdjusted,
              bin: cell.bin,
            })),
          hotspots: result.hotspots,
          profile: result.profile,
        });
      });
    });
}
