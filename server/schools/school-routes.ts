// GET /api/schools (the stored schools as GeoJSON points) and GET /api/school-calendar (the
// calendar that decides school days, saying which school years are assumed).
import { Hono } from 'hono';
import { z } from 'zod';
import { bankHolidaysOfYear } from '../../geo/bank-holidays';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { allow, STAFF } from '../auth/roles';
import { validate } from '../validation';
import { calendarInUse, describeCalendar } from './school-calendar-store';
import { SCHOOL_PHASES, type SchoolPhase } from './school-phases';
import { latestSchoolsImport, listSchools } from './school-store';

const phaseList = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text.trim() === '') return [];
    const phases: SchoolPhase[] = [];
    for (const part of text.split(',').map((p) => p.trim().toLowerCase())) {
      const phase = SCHOOL_PHASES.find((p) => p === part);
      if (!phase) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not a phase; expected one or more of ${SCHOOL_PHASES.join(', ')}, comma-separated` });
        return z.NEVER;
      }
      phases.push(phase);
    }
    return phases;
  });

const schoolsQuery = z.object({
  phase: phaseList,
  includeClosed: z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .optional()
    .transform((v) => v === 'true'),
});

export function schoolRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/schools', allow(...STAFF), validate('query', schoolsQuery), (c) => {
      const { phase, includeClosed } = c.req.valid('query');
      const schools = listSchools(deps.db, { phases: phase, includeClosed });
      const located = schools.flatMap((s) => (s.location ? [{ ...s, location: s.location }] : []));
      const unlocated = schools.filter((s) => s.location === null);
      return c.json({
        type: 'FeatureCollection' as const,
        features: located.map((s) => ({
          type: 'Feature' as const,
          id: s.urn,
          geometry: { type: 'Point' as const, coordinates: s.location },
          properties: { urn: s.urn, name: s.name, phase: s.phase, open: s.open, phaseInFile: s.phaseInFile, typeInFile: s.typeInFile },
        })),
        // Foreign members (RFC 7946 section 6.1): what the map cannot show.
        withoutLocation: {
          count: unlocated.length,
          schools: unlocated.map((s) => ({ urn: s.urn, name: s.name, phase: s.phase, open: s.open })),
        },
        source: latestSchoolsImport(deps.db),
      });
    })
    .get('/school-calendar', allow(...STAFF), (c) => {
      const calendar = calendarInUse(deps.db);
      const years = calendar.years.map((y) => y.startYear);
      const bankHolidays = years.length === 0 ? [] : [...new Set(years.flatMap((y) => [y, y + 1]))].flatMap((y) => bankHolidaysOfYear(y));
      const inYears = bankHolidays.filter((h) => calendar.years.some((y) => h.date >= y.firstDay && h.date <= y.lastDay));
      return c.json({
        assumed: calendar.assumed,
        note: describeCalendar(calendar),
        schoolYears: calendar.years,
        entries: calendar.entries.map((e) => ({
          schoolYear: e.schoolYear,
          dateFrom: e.dateFrom,
          dateTo: e.dateTo,
          kind: e.kind,
          label: e.label,
          source: e.source,
        })),
        bankHolidays: inYears.map((h) => ({ date: h.date, name: h.name })),
      });
    });
}
