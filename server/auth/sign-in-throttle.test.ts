import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY, SignInThrottle } from './sign-in-throttle';

const account = (name: string) => [{ key: `account:${name}`, policy: ACCOUNT_POLICY }];
const S = 1000;

/** One whole attempt at `now`: admitted and failed, or the refusal. */
function fail(throttle: SignInThrottle, keys: ReturnType<typeof account>, now: number) {
  const refusal = throttle.begin(keys, now);
  if (!refusal) throttle.finish(keys, false, now);
  return refusal;
}

describe('sign-in throttle', () => {
  it('lets five wrong passwords through, then makes each further one wait twice as long: 30 s, 60 s, 120 s', () => {
    const throttle = new SignInThrottle();
    const keys = account('chair');
    for (let i = 0; i < 4; i++) expect(fail(throttle, keys, i * S)).toBeNull();
    // The fifth failure starts the first wait.
    expect(fail(throttle, keys, 4 * S)).toBeNull();
    expect(throttle.begin(keys, 5 * S)).toEqual({ retryAfterSeconds: 29, reason: 'waiting' });
    expect(throttle.begin(keys, 34 * S - 1)).toEqual({ retryAfterSeconds: 1, reason: 'waiting' });
    // After the wait, a sixth failure at 34 s: 60 s more; a seventh at 94 s: 120 s.
    expect(fail(throttle, keys, 34 * S)).toBeNull();
    expect(throttle.begin(keys, 34 * S)).toEqual({ retryAfterSeconds: 60, reason: 'waiting' });
    expect(fail(throttle, keys, 94 * S)).toBeNull();
    expect(throttle.begin(keys, 94 * S)).toEqual({ retryAfterSeconds: 120, reason: 'waiting' });
  });

  it('caps the wait at 15 minutes, and forgets failures after a quiet quarter of an hour', () => {
    const throttle = new SignInThrottle();
    const keys = account('analyst');
    let now = 0;
    for (let i = 0; i < 20; i++) {
      // Wait as long as told, then fail again.
      for (let refusal = throttle.begin(keys, now); refusal; refusal = throttle.begin(keys, now)) now += refusal.retryAfterSeconds * S;
      throttle.finish(keys, false, now);
    }
    expect(throttle.begin(keys, now)).toEqual({ retryAfterSeconds: 900, reason: 'waiting' });
    // 15 minutes of waiting, then 15 more without a failure: a clean slate of five.
    now += 30 * 60 * S + S;
    for (let i = 0; i < 5; i++) expect(fail(throttle, keys, now + i)).toBeNull();
  });

  it('clears an account on a right password, but not the address it came from', () => {
    const throttle = new SignInThrottle();
    const both = [...account('planner'), { key: 'address:10.0.0.1', policy: ADDRESS_POLICY }];
    for (let i = 0; i < 4; i++) fail(throttle, both, i);
    expect(throttle.begin(both, 10)).toBeNull();
    throttle.finish(both, true, 10);
    // The account starts again at zero; the address still counts its four.
    for (let i = 0; i < 4; i++) fail(throttle, account('planner'), 20 + i);
    expect(throttle.begin(account('planner'), 30)).toBeNull();
    throttle.finish(account('planner'), true, 30);
    const address = [{ key: 'address:10.0.0.1', policy: ADDRESS_POLICY }];
    for (let i = 0; i < 15; i++) expect(fail(throttle, address, 40 + i)).toBeNull();
    // 4 + 16 = 20 failures from the address: the twentieth starts its wait.
    expect(fail(throttle, address, 60)).toBeNull();
    expect(throttle.begin(address, 61)?.reason).toBe('waiting');
  });

  it('turns away a second sign-in for an account while the first is being checked', () => {
    const throttle = new SignInThrottle();
    const keys = account('chair');
    expect(throttle.begin(keys, 0)).toBeNull();
    expect(throttle.begin(keys, 0)).toEqual({ retryAfterSeconds: 1, reason: 'in-flight' });
    throttle.finish(keys, false, 100);
    expect(throttle.begin(keys, 100)).toBeNull();
  });
});
