// The public page as staff manage it (issue 15, decision 036): the chair or an analyst edits the
// partnership's priorities text; staff read the disclosure rules in force and their change log.
// Residents read the text through GET /api/public/priorities.
import { Hono } from 'hono';
import { z } from 'zod';
import { explainDisclosure } from '../../geo/disclosure/explanations';
import type { AppDeps } from '../app-deps';
import type { AppEnv } from '../app-env';
import { allow, STAFF } from '../auth/roles';
import { validate } from '../validation';
import { currentPriorities, MAX_PRIORITIES_CHARS, rulesChanges, savePriorities } from './public-settings';

const prioritiesBody = z
  .object({
    markdown: z
      .string({ error: 'expected the text, in Markdown' })
      .max(MAX_PRIORITIES_CHARS, `expected at most ${MAX_PRIORITIES_CHARS.toLocaleString('en-GB')} characters`)
      .refine((text) => text.trim().length > 0, 'expected some text: the public page shows it under "The partnership\'s priorities"'),
    version: z.number({ error: 'expected the version you last read (a whole number)' }).int('expected a whole number').min(0, 'expected 0 or more'),
  })
  .strict();

export function publicPageRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/public-page', allow(...STAFF), (c) =>
      c.json({
        priorities: currentPriorities(deps.db),
        rules: deps.disclosureRules,
        explanation: explainDisclosure(deps.disclosureRules),
        changes: rulesChanges(deps.db),
      }),
    )
    .put('/public-page/priorities', allow('chair', 'analyst'), validate('json', prioritiesBody), (c) => {
      const body = c.req.valid('json');
      const saved = savePriorities(deps.db, body.markdown, body.version, c.get('principal')!.id, deps.clock());
      if (!saved.ok) {
        return c.json(
          {
            error: {
              code: 'stale',
              message: `Someone saved the priorities since you opened them (now version ${saved.reason.current.version}); reload, then make your change again.`,
            },
            current: saved.reason.current,
          },
          409,
        );
      }
      return c.json(saved.value);
    });
}
