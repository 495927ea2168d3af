import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';

/** One thing wrong with a request, named by its parameter or body field (e.g. 'cells' or 'timeBands.0.hours'). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The 400 body for field problems: `message` joins them for scripts; `fields` lets a form put each beside its input. */
export function fieldProblemsBody(code: string, problems: readonly FieldProblem[]) {
  return { error: { code, message: problems.map((p) => `${p.field}: ${p.message}`).join('; '), fields: problems } };
}

/** What a validate(...) middleware checks: the request part and its zod schema. */
export interface ValidatedInput {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

/** Every validate(...) middleware and what it checks, so tests can read each route's parameters off the route table. */
const validatedInputs = new WeakMap<object, ValidatedInput>();

/**
 * zod validation with errors that name the parameter and say what to send, e.g.
 * 400 { error: { code: 'invalid_parameter', message: 'resolution: expected a whole number 7..10, got "12"' } }.
 * A JSON body's errors are 'invalid_field' and also list each field apart (`fields`).
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const middleware = zValidator(target, schema, (result, c) => {
    if (result.success) return;
    const problems = result.error.issues.flatMap((issue) => {
      const at = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
      // A strict object names each unknown key as its own field.
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key) => ({ field: `${at}${key}`, message: 'is not a field of this request; check its spelling' }));
      return [{ field: issue.path.length > 0 ? issue.path.join('.') : target, message: issue.message }];
    });
    if (target === 'json') return c.json(fieldProblemsBody('invalid_field', problems), 400);
    return c.json({ error: { code: 'invalid_parameter', message: problems.map((p) => `${p.field}: ${p.message}`).join('; ') } }, 400);
  });
  validatedInputs.set(middleware, { target, schema });
  return middleware;
}

/** The request part and schema a route handler validates, or null when it is not a validate(...) middleware. */
export function validatedInput(handler: unknown): ValidatedInput | null {
  return typeof handler === 'function' ? (validatedInputs.get(handler) ?? null) : null;
}
