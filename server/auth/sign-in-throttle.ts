// Sign-in throttling, per account and per network address. A few wrong passwords cost
// nothing; past that, each further failure makes the key wait twice as long (30 s, 1 min,
// 2 min, ... up to 15 min), and a quiet quarter of an hour forgets the failures. Each key may
// also have only a few sign-ins in flight, so a burst of parallel guesses is turned away
// before it reaches the password hash. Kept in memory: a restart forgets it, which costs an
// attacker a restart per few guesses.

export interface ThrottlePolicy {
  /** Failures allowed before waits begin. */
  freeFailures: number;
  /** Sign-ins one key may have in flight at once. */
  inFlight: number;
  /**
   * Whether a right password clears the key's failures. It does for an account; an address
   * keeps its count (one good account behind a shared NAT does not excuse the guesses from it).
   */
  clearOnSuccess: boolean;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, inFlight: 1, clearOnSuccess: true };
/** An address may be a council office's shared NAT: more room than one account. */
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 20, inFlight: 4, clearOnSuccess: false };

const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;
/** Failures are forgotten after this long without one. */
const FORGET_AFTER_MS = 15 * 60_000;
/** At most this many keys are remembered; the oldest are dropped first. */
const MAX_KEYS = 50_000;

interface KeyState {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
  inFlight: number;
}

/** Wait this many seconds before trying again. */
export interface Refusal {
  retryAfterSeconds: number;
  reason: 'waiting' | 'in-flight';
}

export class SignInThrottle {
  private readonly keys = new Map<string, KeyState>();

  /**
   * Admits one sign-in attempt for all the keys, or says how long to wait. An admitted attempt
   * must be ended with `finish` (success or failure) whatever happens.
   */
  begin(keys: readonly { key: string; policy: ThrottlePolicy }[], now: number): Refusal | null {
    let refusal: Refusal | null = null;
    for (const { key, policy } of keys) {
      const state = this.fresh(key, now);
      if (state.blockedUntil > now) {
        const seconds = Math.ceil((state.blockedUntil - now) / 1000);
        if (!refusal || seconds > refusal.retryAfterSeconds) refusal = { retryAfterSeconds: seconds, reason: 'waiting' };
      } else if (state.inFlight >= policy.inFlight && !refusal) {
        refusal = { retryAfterSeconds: 1, reason: 'in-flight' };
      }
    }
    if (refusal) return refusal;
    for (const { key } of keys) this.state(key).inFlight += 1;
    return null;
  }

  finish(keys: readonly { key: string; policy: ThrottlePolicy }[], succeeded: boolean, now: number): void {
    for (const { key, policy } of keys) {
      const state = this.state(key);
      state.inFlight = Math.max(0, state.inFlight - 1);
      if (succeeded) {
        if (policy.clearOnSuccess) Object.assign(state, { failures: 0, blockedUntil: 0 });
      } else {
        state.failures += 1;
        state.lastFailureAt = now;
        const over = state.failures - policy.freeFailures;
        if (over >= 0) state.blockedUntil = now + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** over);
      }
      if (state.failures === 0 && state.inFlight === 0) this.keys.delete(key);
    }
  }

  private fresh(key: string, now: number): KeyState {
    const state = this.state(key);
    if (state.failures > 0 && now - state.lastFailureAt > FORGET_AFTER_MS && state.blockedUntil <= now) {
      state.failures = 0;
      state.blockedUntil = 0;
    }
    return state;
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      if (this.keys.size >= MAX_KEYS) this.keys.delete(this.keys.keys().next().value!);
      state = { failures: 0, lastFailureAt: 0, blockedUntil: 0, inFlight: 0 };
      this.keys.set(key, state);
    }
    return state;
  }
}
