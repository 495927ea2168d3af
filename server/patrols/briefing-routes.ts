// The printed patrol briefing (issue 13, decision 039): its data for the page
// /patrol-plans/:id/briefing, and that page printed to A4 PDF by headless Chromium.
import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';
import type { AppEnv } from '../app-env';
import { createApiToken, revokeApiTokenBySecret } from '../auth/auth-queries';
import { allow, STAFF } from '../auth/roles';
import { validate } from '../validation';
import { briefingOf } from './briefing-service';
import { planIdParam } from './patrol-schemas';
import { getPlan, type StoredPlan } from './patrol-store';

/** The page's token lives this long at most (it is revoked as soon as the print ends). */
const PRINT_TOKEN_MINUTES = 5;

const notFound = (id: number) => ({ error: { code: 'not_found', message: `There is no patrol plan ${id}.` } });

export function briefingFileName(plan: Pick<StoredPlan, 'id' | 'team' | 'date' | 'shiftStart'>): string {
  const team =
    plan.team
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'team';
  return `patrol-briefing-${team}-${plan.date}-${plan.shiftStart.replace(':', '')}-plan-${plan.id}.pdf`;
}

export function briefingRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/patrol-plans/:id/briefing', allow(...STAFF), validate('param', planIdParam), async (c) => {
      const { id } = c.req.valid('param');
      const plan = getPlan(deps.db, id);
      if (!plan) return c.json(notFound(id), 404);
      return c.json(await briefingOf(deps, plan));
    })
    .get('/patrol-plans/:id/briefing.pdf', allow(...STAFF), validate('param', planIdParam), async (c) => {
      const { id } = c.req.valid('param');
      const plan = getPlan(deps.db, id);
      if (!plan) return c.json(notFound(id), 404);
      const unavailable = deps.pdf.unavailable();
      if (unavailable) return c.json({ error: { code: 'chromium_missing', message: unavailable } }, 503);
      // The page reads the API as the caller would, with a token of the caller's role that
      // expires in minutes and is revoked when the print ends (decision 039).
      const principal = c.get('principal')!;
      const token = createApiToken(deps.db, principal.role, `pdf: briefing of plan ${id} for ${principal.id}`, deps.clock(), PRINT_TOKEN_MINUTES / 1440);
      const origin = deps.pageOrigin ?? new URL(c.req.url).origin;
      try {
        const pdf = await deps.pdf.render({ url: `${origin}/patrol-plans/${id}/briefing`, bearerToken: token });
        if (!pdf.ok) return c.json({ error: { code: pdf.reason.code, message: pdf.reason.message } }, pdf.reason.status);
        return c.body(new Uint8Array(pdf.value), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="${briefingFileName(plan)}"`,
        });
      } finally {
        revokeApiTokenBySecret(deps.db, token, deps.clock());
      }
    });
}
