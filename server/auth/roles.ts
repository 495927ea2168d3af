import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';

export const ROLES = ['chair', 'planner', 'analyst', 'public', 'officer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Partnership staff: everyone but Safer Neighbourhood Board (public) members and officers.
 * An officer (a THEO on patrol, decision 038) reads only the patrol plans that name them and logs
 * visits to them: their routes name 'officer' one by one, never through STAFF.
 */
export const STAFF: readonly Role[] = ['chair', 'planner', 'analyst'];
export const EVERY_ROLE: readonly Role[] = ROLES;
/** Marker for routes anyone may call, signed in or not (health, login). */
export const ANYONE = 'anyone' as const;

const ALLOW_MARK = Symbol.for('tasking-map.allow');

/**
 * Declares who may call a route. Every /api route must carry one: createApp refuses to
 * start if any route lacks it, so a new route is denied until someone decides who it is for.
 */
export function allow(...roles: (Role | typeof ANYONE)[]) {
  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    if (roles.includes(ANYONE)) return next();
    const principal = c.get('principal');
    if (!principal) {
      return c.json({ error: { code: 'unauthenticated', message: 'Sign in, or send Authorization: Bearer <token>.' } }, 401);
    }
    if (!roles.includes(principal.role)) {
      return c.json({ error: { code: 'forbidden', message: `The ${principal.role} role may not use this; it is for: ${roles.join(', ')}.` } }, 403);
    }
    return next();
  });
  return Object.assign(middleware, { [ALLOW_MARK]: roles });
}

/** The roles a route handler declares with allow(...), or null when the handler is not an allow(...) middleware. */
export function declaredRoles(handler: unknown): readonly (Role | typeof ANYONE)[] | null {
  if (typeof handler !== 'function' || !(ALLOW_MARK in handler)) return null;
  const roles = handler[ALLOW_MARK];
  return Array.isArray(roles) ? roles.filter((r): r is Role | typeof ANYONE => r === ANYONE || ROLES.some((role) => role === r)) : null;
}

export function isAllowMiddleware(handler: unknown): boolean {
  return declaredRoles(handler) !== null;
}
