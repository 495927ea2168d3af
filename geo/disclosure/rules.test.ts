import { describe, expect, it } from 'vitest';
import { trendMonths, validatePublicMonth, validatePublicRequest, validatePublicResolution } from './public-request';
import { DEFAULT_DISCLOSURE_RULES, describeRulesChange, roundToBase, validateDisclosureRules } from './rules';

const rules = DEFAULT_DISCLOSURE_RULES;

describe('disclosure rules', () => {
  it('has safe defaults that pass its own validation', () => {
    expect(validateDisclosureRules({})).toEqual({ ok: true, value: { ...DEFAULT_DISCLOSURE_RULES } });
    expect(rules).toMatchObject({ smallCountThreshold: 10, roundingBase: 5, finestH3Resolution: 8, minRateDenominator: 1000 });
  });

  it.each([
    [{ smallCountThreshold: 4 }, 'unsafe'],
    [{ smallCountThreshold: 9.5 }, 'not a whole number'],
    [{ roundingBase: 0 }, 'not a rounding'],
    [{ smallCountThreshold: 6 }, 'would be shown as 5'],
    [{ finestH3Resolution: 9 }, 'unsafe'],
    [{ coarsestH3Resolution: 9, finestH3Resolution: 8 }, 'must be between'],
    [{ minRateDenominator: 50 }, 'too few'],
    [{ minProtectedValues: 1 }, 'worked out exactly'],
    [{ protectWithoutRounding: 'yes' }, 'true or false'],
    [{ threshold: 10 }, 'does not know: threshold'],
  ])('refuses %j with a reason', (input, words) => {
    const result = validateDisclosureRules(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(words);
  });

  it('accepts a stricter setting', () => {
    expect(validateDisclosureRules({ smallCountThreshold: 8, roundingBase: 10, finestH3Resolution: 7 }).ok).toBe(true);
  });

  it('rounds to the nearest multiple of the base, halves up', () => {
    expect([10, 12, 13, 14, 17, 18].map((n) => roundToBase(n, 5))).toEqual([10, 10, 15, 15, 15, 20]);
    expect([14, 15, 24, 25].map((n) => roundToBase(n, 10))).toEqual([10, 20, 20, 30]);
    expect(roundToBase(13, 1)).toBe(13);
  });

  it('describes a change in words, with its direction', () => {
    const after = { ...rules, smallCountThreshold: 8, roundingBase: 10, protectWithoutRounding: false };
    expect(describeRulesChange(rules, after)).toEqual([
      'Counts shown as "fewer than" below: changed from 10 to 8 (less protective).',
      'Other counts rounded to the nearest: changed from 5 to 10 (more protective).',
      'Hidden figures protected even if the rounded figures were exact: changed from yes to no (less protective).',
    ]);
    expect(describeRulesChange(rules, { ...rules })).toEqual([]);
  });
});

describe('what the public may ask for', () => {
  it('takes whole calendar months only', () => {
    expect(validatePublicMonth('2016-05')).toEqual({ ok: true, value: '2016-05' });
    for (const bad of ['2016-05-01', '2016-13', '2016-5', '2016-05..2016-06', 'last 30 days', '1999-12']) {
      const result = validatePublicMonth(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.reason).not.toMatch(/month=|param/);
    }
  });

  it('refuses hexagons finer than resolution 8 and allows 7 and 8', () => {
    expect(validatePublicResolution(8, rules).ok).toBe(true);
    expect(validatePublicResolution(7, rules).ok).toBe(true);
    for (const bad of [9, 10, 6, 7.5]) expect(validatePublicResolution(bad, rules).ok, String(bad)).toBe(false);
    const nine = validatePublicRequest({ month: '2016-05', area: { kind: 'h3', h3Resolution: 9 } }, rules);
    expect(nine.ok).toBe(false);
    if (!nine.ok) expect(nine.reason).toContain('too small to publish');
    expect(validatePublicRequest({ month: '2016-05', area: { kind: 'ward' } }, rules).ok).toBe(true);
  });

  it('lists the whole months of a trend across a year end', () => {
    expect(trendMonths('2016-02', 3)).toEqual({ ok: true, value: ['2015-12', '2016-01', '2016-02'] });
    const twelve = trendMonths('2016-12', 12);
    expect(twelve.ok && twelve.value).toEqual(Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, '0')}`));
    expect(trendMonths('2016-12', 0).ok).toBe(false);
    expect(trendMonths('2016-12', 25).ok).toBe(false);
  });
});
