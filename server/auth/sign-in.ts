// Signing in with a user name and password: throttled per account and address, the password
// checked off the event loop, and every refusal a plain answer.
import type { Db } from '../db/open-database';
import type { Principal } from '../app-env';
import { hasDemoData } from '../store/import-batches';
import { normaliseUsername } from './account-rules';
import { accountForSignIn, createSession, purgeSessions, recordSignIn, type SessionPolicy } from './auth-queries';
import { PasswordChecksBusy, verifyPasswordAsync } from './passwords';
import { ACCOUNT_POLICY, ADDRESS_POLICY, type SignInThrottle } from './sign-in-throttle';

export type SignInResult =
  | { ok: true; principal: Principal; session: { token: string; expiresAt: Date } }
  | { ok: false; status: 401 | 403 | 429 | 503; code: string; message: string; retryAfterSeconds?: number };

/**
 * A hash to check against when the name is unknown, so the answer takes as long either way.
 * A constant (of "not a real password", at the cost hashPassword uses): hashing it at run time
 * would block the event loop for half a second on the first unknown name.
 */
const DUMMY_HASH = 'scrypt$131072$8$1$My+4tC3SSF4FEdxYFEudpw==$sgzM3ceBHepRx1lXSTmjQsLoRS3kvyByFoCF3g40uxo=';

export interface SignInDeps {
  db: Db;
  now: Date;
  throttle: SignInThrottle;
  sessions: SessionPolicy;
}

export async function signIn(deps: SignInDeps, rawUsername: string, password: string, address: string): Promise<SignInResult> {
  const username = normaliseUsername(rawUsername);
  const keys = [
    { key: `account:${username}`, policy: ACCOUNT_POLICY },
    { key: `address:${address}`, policy: ADDRESS_POLICY },
  ];
  const start = deps.now.getTime();
  const refused = deps.throttle.begin(keys, start);
  if (refused) {
    const wait = refused.retryAfterSeconds;
    return {
      ok: false,
      status: 429,
      code: 'too_many_sign_ins',
      message:
        refused.reason === 'in-flight'
          ? 'A sign-in for this account is already being checked; try again in a moment.'
          : `Too many wrong passwords: try again in ${wait < 90 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}.`,
      retryAfterSeconds: wait,
    };
  }
  let succeeded = false;
  try {
    const account = accountForSignIn(deps.db, username);
    let matches: boolean;
    try {
      matches = await verifyPasswordAsync(password, account?.passwordHash ?? DUMMY_HASH);
    } catch (error) {
      if (!(error instanceof PasswordChecksBusy)) throw error;
      return {
        ok: false,
        status: 503,
        code: 'busy',
        message: 'The server is checking many sign-ins at once; try again in a few seconds.',
        retryAfterSeconds: 5,
      };
    }
    if (!account || !matches) return { ok: false, status: 401, code: 'bad_credentials', message: 'That user name and password do not match.' };
    // Only a holder of the password learns why a known account may not sign in.
    succeeded = true;
    if (account.disabled)
      return { ok: false, status: 403, code: 'account_disabled', message: 'This account is disabled. Ask whoever runs Tasking Map to enable it.' };
    if (account.demo && !hasDemoData(deps.db)) {
      return {
        ok: false,
        status: 403,
        code: 'demo_account',
        message: 'Demo accounts sign in only on the demo database. Ask whoever runs Tasking Map for an account.',
      };
    }
    const now = new Date(start);
    purgeSessions(deps.db, now, deps.sessions, hasDemoData(deps.db));
    recordSignIn(deps.db, account.id, now);
    const session = createSession(deps.db, account.id, now, deps.sessions);
    return { ok: true, principal: { id: `user:${account.username}`, name: account.name, role: account.role }, session };
  } finally {
    deps.throttle.finish(keys, succeeded, start);
  }
}
