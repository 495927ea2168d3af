import { describe, expect, it } from 'vitest';
import { explainDisclosure } from './explanations';
import { publishCount, publishedInterval, publishedText, publishRate } from './publish';
import { DEFAULT_DISCLOSURE_RULES } from './rules';

const rules = DEFAULT_DISCLOSURE_RULES;

describe('publishing one count', () => {
  it('shows 0 as 0, 1 to 9 as "fewer than 10" and the rest rounded to 5', () => {
    expect([0, 1, 9, 10, 12, 13, 47, 48].map((n) => publishedText(publishCount(n, rules)))).toEqual([
      '0',
      'fewer than 10',
      'fewer than 10',
      '10',
      '10',
      '15',
      '45',
      '50',
    ]);
  });

  it('hides a complement: below the threshold as "fewer than", above it as "withheld"', () => {
    expect(publishedText(publishCount(0, rules, 'secondary'))).toBe('fewer than 10');
    expect(publishedText(publishCount(40, rules, 'secondary'))).toBe('withheld');
  });

  it('gives the interval an attacker reads off each published value', () => {
    expect(publishedInterval(publishCount(12, rules), rules)).toEqual({ min: 10, max: 12 });
    expect(publishedInterval(publishCount(48, rules), rules)).toEqual({ min: 48, max: 52 });
    expect(publishedInterval(publishCount(3, rules), rules)).toEqual({ min: 0, max: 9 });
    expect(publishedInterval(publishCount(40, rules, 'secondary'), rules)).toEqual({ min: 10, max: Infinity });
    expect(publishedInterval(publishCount(0, rules), rules)).toEqual({ min: 0, max: 0 });
  });

  it('refuses a negative or fractional count', () => {
    expect(() => publishCount(-1, rules)).toThrow();
    expect(() => publishCount(2.5, rules)).toThrow();
  });
});

describe('rates per 1,000 residents', () => {
  it('come from the rounded count, never the raw one', () => {
    // 48 is published as 50: 50 per 12,500 residents is 4.0 per 1,000 (48 would give 3.84).
    expect(publishRate(publishCount(48, rules), 12_500, rules)).toEqual({ per1000: 4, reason: null });
  });

  it('are null with a reason for small populations and hidden counts', () => {
    expect(publishRate(publishCount(48, rules), 999, rules).reason).toContain('Fewer than 1,000 residents');
    expect(publishRate(publishCount(4, rules), 12_500, rules).reason).toContain('hidden');
    expect(publishRate(publishCount(48, rules), null, rules).per1000).toBeNull();
    expect(publishRate(publishCount(0, rules), 12_500, rules)).toEqual({ per1000: 0, reason: null });
  });
});

it('explains the rules in plain words from the rules in force', () => {
  const text = explainDisclosure({ ...rules, smallCountThreshold: 8 }).paragraphs.join(' ');
  expect(text).toContain('1 to 7 is shown as "fewer than 8"');
  expect(text).toContain('rounded to the nearest 5');
  expect(text).toContain('withheld');
});
