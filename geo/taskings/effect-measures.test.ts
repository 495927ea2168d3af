// Hand-computed cases (worked with a calculator and checked in Python: the numbers below are
// typed in, not produced by the functions under test).
import { describe, expect, it } from 'vitest';
import {
  changeAgainstControl,
  MIN_RESPONSE_BEFORE,
  rateChange,
  readDisplacement,
  relativeEffectSize,
  resultLine,
  successMeasure,
  verdictOf,
  weightedDisplacementQuotient,
  type AreaCounts,
} from './effect-measures';

const counts = (rb: number, ra: number, bb: number, ba: number, cb: number, ca: number): AreaCounts =>
  Object.freeze({
    response: Object.freeze({ before: rb, during: ra }),
    buffer: Object.freeze({ before: bb, during: ba }),
    control: Object.freeze({ before: cb, during: ca }),
  });

describe('Weighted Displacement Quotient (Bowers and Johnson 2003)', () => {
  it('is negative when the buffer rises as the response area falls: (70/1000 - 40/1000) / (50/1000 - 100/1000) = -0.6', () => {
    const c = counts(100, 50, 40, 70, 1000, 1000);
    expect(successMeasure(c).value).toBeCloseTo(-0.05, 12);
    expect(weightedDisplacementQuotient(c).value).toBeCloseTo(-0.6, 12);
    const reading = readDisplacement(c, verdictOf(c));
    expect(reading.code).toBe('displacement');
    expect(reading.text).toContain('WDQ -0.60');
  });

  it('is positive when the buffer falls too: (40 - 80) / (50 - 100) = 0.8, a diffusion of benefits', () => {
    const c = counts(100, 50, 80, 40, 1000, 1000);
    expect(weightedDisplacementQuotient(c).value).toBeCloseTo(0.8, 12);
    expect(readDisplacement(c, verdictOf(c)).code).toBe('diffusion');
  });

  it('weights by the control area: with the control rising 900 -> 1100 the success measure is 50/1100 - 100/900', () => {
    const c = counts(100, 50, 40, 40, 900, 1100);
    expect(successMeasure(c).value).toBeCloseTo(50 / 1100 - 100 / 900, 12);
    expect(successMeasure(c).value).toBeCloseTo(-0.065657, 5);
    // (40/1100 - 40/900) / -0.065657 = (0.036364 - 0.044444) / -0.065657 = 0.123077
    expect(weightedDisplacementQuotient(c).value).toBeCloseTo(0.123077, 5);
  });

  it('reads a buffer change the control explains as no effect (60 of 100 at an even split: p = 0.057)', () => {
    const c = counts(100, 50, 40, 60, 1000, 1000);
    expect(changeAgainstControl(c.buffer, c.control).p).toBeCloseTo(0.05688793, 6);
    expect(readDisplacement(c, verdictOf(c)).code).toBe('no-effect');
    expect(readDisplacement(c, verdictOf(c)).text).toContain('Buffer flat');
  });

  it('marks displacement larger than the direct effect past WDQ = -1', () => {
    const c = counts(100, 50, 20, 90, 1000, 1000);
    expect(weightedDisplacementQuotient(c).value).toBeCloseTo(-1.4, 12);
    expect(readDisplacement(c, verdictOf(c)).text).toMatch(/^Displacement greater than the direct effect/);
  });

  it('does not read displacement when the response area did not improve, nor on too few incidents', () => {
    const worse = counts(50, 100, 40, 70, 1000, 1000);
    expect(successMeasure(worse).value).toBeCloseTo(0.05, 12);
    expect(readDisplacement(worse, verdictOf(worse)).code).toBeNull();
    // A response area that rose less than a rising control has a success measure below zero,
    // and a buffer that fell against it; with 4 incidents before, that is noise, not diffusion.
    const few = counts(4, 5, 25, 20, 278, 411);
    expect(successMeasure(few).value).toBeLessThan(0);
    expect(changeAgainstControl(few.buffer, few.control).direction).toBe(-1);
    expect(readDisplacement(few, verdictOf(few))).toEqual({ code: null, text: expect.stringContaining('too few incidents') });
  });

  it('gives null with a reason, never NaN or Infinity, when a denominator is zero', () => {
    const noControl = counts(100, 50, 40, 70, 1000, 0);
    expect(successMeasure(noControl)).toEqual({ value: null, reason: expect.stringContaining('control area had no incidents') });
    expect(weightedDisplacementQuotient(noControl).value).toBeNull();
    // Response changed exactly as the control did: 100/1000 -> 50/500.
    const noEffect = counts(100, 50, 40, 70, 1000, 500);
    expect(successMeasure(noEffect).value).toBe(0);
    expect(weightedDisplacementQuotient(noEffect)).toEqual({ value: null, reason: expect.stringContaining('no effect to weigh displacement against') });
    for (const c of [noControl, noEffect, counts(0, 0, 0, 0, 0, 0)]) {
      for (const value of [successMeasure(c).value, weightedDisplacementQuotient(c).value, relativeEffectSize(c.response, c.control).value]) {
        expect(value === null || Number.isFinite(value)).toBe(true);
      }
    }
  });
});

describe('relative effect size (Farrington; Campbell reviews)', () => {
  it('is (Rb x Ca) / (Ra x Cb) = 2.0 with the interval exp(ln 2 -/+ 1.96 sqrt(1/100 + 1/50 + 2/1000)) = 1.4085-2.8399', () => {
    const res = relativeEffectSize({ before: 100, during: 50 }, { before: 1000, during: 1000 });
    expect(res.value).toBeCloseTo(2, 12);
    expect(res.low).toBeCloseTo(1.4085181, 6);
    expect(res.high).toBeCloseTo(2.8398641, 6);
  });

  it('follows the control: (100 x 1100) / (50 x 900) = 2.444, interval 1.7213-3.4713', () => {
    const res = relativeEffectSize({ before: 100, during: 50 }, { before: 900, during: 1100 });
    expect(res.value).toBeCloseTo(2.4444444, 6);
    expect(res.low).toBeCloseTo(1.7213316, 6);
    expect(res.high).toBeCloseTo(3.4713291, 6);
  });

  it('names the empty cell when a count is zero', () => {
    const res = relativeEffectSize({ before: 12, during: 0 }, { before: 500, during: 450 });
    expect(res).toEqual({ value: null, low: null, high: null, reason: expect.stringContaining('the response area during') });
  });
});

describe('verdict', () => {
  it(`refuses to judge below ${MIN_RESPONSE_BEFORE} incidents in the response area before`, () => {
    expect(verdictOf(counts(9, 1, 5, 5, 1000, 1000)).code).toBe('too-few');
    expect(verdictOf(counts(9, 1, 5, 5, 1000, 1000)).text).toContain('9 in the response area before');
    expect(verdictOf(counts(10, 1, 5, 5, 1000, 1000)).code).toBe('improved');
  });

  it('calls an interval that includes 1 no clear change: RES 0.54 (0.261-1.117)', () => {
    const verdict = verdictOf(counts(12, 20, 5, 5, 500, 450));
    expect(verdict.code).toBe('no-clear-change');
    expect(verdict.text).toContain('0.54, 95% interval 0.26-1.12');
  });

  it('calls an interval wholly above 1 improved and wholly below 1 worsened', () => {
    expect(verdictOf(counts(100, 50, 40, 40, 1000, 1000)).code).toBe('improved');
    expect(verdictOf(counts(50, 100, 40, 40, 1000, 1000)).code).toBe('worsened');
  });

  it('says it cannot judge, with the reason, when the control is empty', () => {
    expect(verdictOf(counts(20, 10, 0, 0, 0, 30))).toEqual({ code: 'cannot-judge', text: expect.stringContaining('the control area before') });
  });
});

describe('the one-line result', () => {
  it('reads "down 50% here ... buffer up 75%: displacement" on equal periods', () => {
    const c = counts(100, 50, 40, 70, 1000, 1000);
    expect(rateChange(c.response, 28, 28)).toBeCloseTo(-0.5, 12);
    expect(resultLine('Robbery', c, { before: 28, during: 28 }, verdictOf(c), readDisplacement(c, verdictOf(c)))).toBe(
      'Robbery down 50% here (control flat); buffer up 75%: displacement',
    );
  });

  it('compares daily rates when the periods differ in length (28 against 31 days)', () => {
    // 31 before over 31 days (1.0 a day) against 14 during over 28 days (0.5 a day): down 50%.
    expect(rateChange({ before: 31, during: 14 }, 31, 28)).toBeCloseTo(-0.5, 12);
  });

  it('says too few to judge rather than a percentage', () => {
    const c = counts(4, 1, 5, 5, 1000, 1000);
    expect(resultLine('Robbery', c, { before: 28, during: 28 }, verdictOf(c), readDisplacement(c, verdictOf(c)))).toBe('Too few incidents to judge');
  });
});
