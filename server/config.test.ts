// The environment checks for the request log's settings (decision 021); the others are held by
// tests/integration/security.test.ts against the real server.
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig: the request log', () => {
  it('logs at info with a 1000 ms slow-request threshold unless told otherwise', () => {
    const read = readConfig({});
    expect(read.ok && { level: read.config.logLevel, slow: read.config.slowRequestMs }).toEqual({ level: 'info', slow: 1000 });
    const quiet = readConfig({ LOG_LEVEL: 'silent', SLOW_REQUEST_MS: '250' });
    expect(quiet.ok && { level: quiet.config.logLevel, slow: quiet.config.slowRequestMs }).toEqual({ level: 'silent', slow: 250 });
  });

  it('names a bad LOG_LEVEL or SLOW_REQUEST_MS and what to send instead', () => {
    const read = readConfig({ LOG_LEVEL: 'loud', SLOW_REQUEST_MS: 'soon' });
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems).toContain('LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent');
    expect(problems).toContain('SLOW_REQUEST_MS: expected a number of milliseconds, e.g. 1000');
    const zero = readConfig({ SLOW_REQUEST_MS: '0' });
    expect(zero.ok ? [] : zero.problems).toEqual(['SLOW_REQUEST_MS: expected 1 to 600000 milliseconds']);
  });
});
