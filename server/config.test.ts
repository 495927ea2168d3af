// The environment checks for the request log's settings (decision 021); the others are held by
// tests/integration/security.test.ts against the real server.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('readConfig: the disclosure rules', () => {
  it('uses the safe defaults unless DISCLOSURE_RULES names a file, and refuses to start on an unsafe one', () => {
    const read = readConfig({});
    expect(read.ok && read.config.disclosure.source).toBe('defaults');
    expect(read.ok && read.config.disclosure.rules.smallCountThreshold).toBe(10);
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    writeFileSync(join(dir, 'strict.json'), '{ "smallCountThreshold": 20, "roundingBase": 10 }');
    const strict = readConfig({ DISCLOSURE_RULES: join(dir, 'strict.json') });
    expect(strict.ok && [strict.config.disclosure.source, strict.config.disclosure.rules.roundingBase]).toEqual([join(dir, 'strict.json'), 10]);
    writeFileSync(join(dir, 'loose.json'), '{ "minProtectedValues": 1 }');
    const loose = readConfig({ DISCLOSURE_RULES: join(dir, 'loose.json') });
    expect(loose.ok ? [] : loose.problems).toEqual([
      `DISCLOSURE_RULES: ${join(dir, 'loose.json')}: Each hidden figure must stay consistent with at least this many values: 1 is unsafe: with 1 a hidden figure could be worked out exactly from the totals; use 2 or more.`,
    ]);
  });
});
