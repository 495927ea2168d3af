import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { checkPassword, createSession, deleteSession } from '../auth/auth-queries';
import { allow, ANYONE } from '../auth/roles';
import { validate } from '../validation';

export const SESSION_COOKIE = 'tm_session';

const loginBody = z.object({
  username: z.string().min(1, 'enter a user name'),
  password: z.string().min(1, 'enter a password'),
});

export function authRoutes(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      .post('/auth/login', allow(ANYONE), validate('json', loginBody), (c) => {
        const { username, password } = c.req.valid('json');
        const principal = checkPassword(deps.db, username, password);
        if (!principal) {
          return c.json({ error: { code: 'bad_credentials', message: 'That user name and password do not match.' } }, 401);
        }
        const session = createSession(deps.db, username, deps.clock());
        setCookie(c, SESSION_COOKIE, session.token, {
          httpOnly: true,
          secure: deps.secureCookies,
          sameSite: 'Strict',
          path: '/',
          expires: session.expiresAt,
        });
        return c.json({ user: { name: principal.name, role: principal.role } });
      })
      .post('/auth/logout', allow(ANYONE), (c) => {
        const token = getCookie(c, SESSION_COOKIE);
        if (token) deleteSession(deps.db, token);
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.json({ ok: true });
      })
      // Anyone may ask who they are: a signed-out browser gets { user: null }, not a 401.
      .get('/auth/me', allow(ANYONE), (c) => {
        const principal = c.get('principal');
        return c.json({ user: principal ? { name: principal.name, role: principal.role } : null });
      })
  );
}
