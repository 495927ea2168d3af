import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';

/**
 * zod validation with errors that name the parameter and say what to send, e.g.
 * 400 { error: { code: 'invalid_parameter', message: 'resolution: expected a whole number 7..10, got "12"' } }.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result, c) => {
    if (result.success) return;
    const message = result.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : target}: ${issue.message}`)
      .join('; ');
    return c.json({ error: { code: 'invalid_parameter', message } }, 400);
  });
}
