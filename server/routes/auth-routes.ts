import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { deleteSession } from '../auth/auth-queries';
import { clientAddress } from '../auth/client-address';
import { allow, ANYONE } from '../auth/roles';
import { signIn } from '../auth/sign-in';
import { validate } from '../validation';

export const SESSION_COOKIE = 'tm_session';
/** A user name and password fit in far less; a bigger body is refused before it is read. */
export const MAX_LOGIN_BODY_BYTES = 4096;

const loginBody = z.object({
  username: z.string().min(1, 'enter a user name').max(100, 'a user name has at most 100 characters'),
  password: z.string().min(1, 'enter a password').max(200, 'a password has at most 200 characters'),
});

export function authRoutes(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      .post(
        '/auth/login',
        allow(ANYONE),
        bodyLimit({
          maxSize: MAX_LOGIN_BODY_BYTES,
          onError: (c) => c.json({ error: { code: 'too_large', message: 'A sign-in is a user name and a password; this request is far larger.' } }, 413),
        }),
        validate('json', loginBody),
        async (c) => {
          const { username, password } = c.req.valid('json');
          const result = await signIn(
            { db: deps.db, now: deps.clock(), throttle: deps.signInThrottle, sessions: deps.sessions },
            username,
            password,
            clientAddress(c, deps.trustProxy),
          );
          if (!result.ok) {
            if (result.retryAfterSeconds !== undefined) c.header('Retry-After', String(result.retryAfterSeconds));
            return c.json({ error: { code: result.code, message: result.message } }, result.status);
          }
          setCookie(c, SESSION_COOKIE, result.session.token, {
            httpOnly: true,
            secure: deps.secureCookies,
            sameSite: 'Strict',
            path: '/',
            expires: result.session.expiresAt,
          });
          // The request log names who signed in.
          c.set('principal', result.principal);
          return c.json({ user: { name: result.principal.name, role: result.principal.role } });
        },
      )
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
