// GET /api/populations: the stored residents per ward and year, for staff to check what rates
// per 1,000 residents are computed from (decision 035). With `year`, each ward's figure for the
// stored year nearest to it, as the rates use it.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { allow, STAFF } from '../auth/roles';
import { validate } from '../validation';
import { MAX_YEAR, MIN_YEAR } from './population-csv';
import { listWardPopulations, populationsVersion, wardPopulations, wardPopulationYears } from './population-queries';

const populationsQuery = z.object({
  year: z.coerce
    .number({ error: `expected a year ${MIN_YEAR}..${MAX_YEAR}, e.g. 2022` })
    .int(`expected a whole year ${MIN_YEAR}..${MAX_YEAR}, e.g. 2022`)
    .min(MIN_YEAR, `expected a year ${MIN_YEAR}..${MAX_YEAR}`)
    .max(MAX_YEAR, `expected a year ${MIN_YEAR}..${MAX_YEAR}`)
    .optional(),
});

export function populationRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/populations', allow(...STAFF), validate('query', populationsQuery), (c) => {
    const { year } = c.req.valid('query');
    const base = { years: wardPopulationYears(deps.db), version: populationsVersion(deps.db) };
    if (year === undefined) return c.json({ ...base, year: null, populations: listWardPopulations(deps.db) });
    const nearest = [...wardPopulations(deps.db, year)].map(([code, p]) => ({ code, year: p.year, population: p.population }));
    return c.json({ ...base, year, populations: nearest });
  });
}
