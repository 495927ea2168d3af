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

/** What a JSON body must be sent as; Hono's validator reads any other body as {} and zod would then report every field missing. */
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * zod validation with errors that name the parameter and say what to send, e.g.
 * 400 { error: { code: 'invalid_parameter', message: 'resolution: expected a whole number 7..10, got "12"' } }.
 * A JSON body's errors are 'invalid_field' and also list each field apart (`fields`); a body
 * that is not JSON gets 415 (wrong Content-Type) or 400 `invalid_json` saying where it breaks.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const checked = zValidator(target, schema, (result, c) => {
    const type = c.req.header('content-type')?.split(';')[0]?.trim() ?? '';
    if (target === 'json' && !JSON_TYPE.test(type)) {
      const message = `The body must be JSON, sent with Content-Type: application/json${type ? `, not ${type}` : ''}.`;
      return c.json({ error: { code: 'unsupported_media_type', message } }, 415);
    }
    if (result.success) return;
    const problems = result.error.issues.flatMap((issue) => {
      const at = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
      // A strict object names each unknown key as its own field.
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key) => ({ field: `${at}${key}`, message: 'is not a field of this request; check its spelling' }));
      const field = issue.path.length > 0 ? issue.path.join('.') : target;
      // ?group=a&group=b reaches zod as an array: say so rather than "expected string, received array".
      const sent = target === 'query' && issue.path.length === 1 ? valueAt(result.data, String(issue.path[0])) : undefined;
      if (Array.isArray(sent)) return [{ field, message: `sent ${sent.length} times; send it once (a list goes in one value, comma-separated)` }];
      return [{ field, message: issue.message }];
    });
    if (target === 'json') return c.json(fieldProblemsBody('invalid_field', problems), 400);
    return c.json({ error: { code: 'invalid_parameter', message: problems.map((p) => `${p.field}: ${p.message}`).join('; ') } }, 400);
  });
  const middleware: typeof checked =
    target !== 'json'
      ? checked
      : async (c, next) => {
          try {
            // Read once here (Hono keeps it for the validator) so a broken body is named, not "Malformed JSON".
            if (JSON_TYPE.test(c.req.header('content-type')?.split(';')[0]?.trim() ?? '')) await c.req.json();
          } catch (error) {
            const detail = error instanceof SyntaxError ? ` (${error.message})` : '';
            return c.json({ error: { code: 'invalid_json', message: `The body is not valid JSON${detail}; send one JSON object.` } }, 400);
          }
          return checked(c, next);
        };
  validatedInputs.set(middleware, { target, schema });
  return middleware;
}

function valueAt(data: unknown, key: string): unknown {
  return typeof data === 'object' && data !== null && Object.hasOwn(data, key) ? (data as Record<string, unknown>)[key] : undefined;
}

/** The request part and schema a route handler validates, or null when it is not a validate(...) middleware. */
export function validatedInput(handler: unknown): ValidatedInput | null {
  return typeof handler === 'function' ? (validatedInputs.get(handler) ?? null) : null;
}
