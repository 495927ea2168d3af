// Did the tasking work? Counts in the response area (the tasked cells), its buffer and a
// control area, before and during, read with the measures the hot spot policing literature
// uses (docs/decisions/012-taskings.md):
// - the Weighted Displacement Quotient (Bowers and Johnson 2003, "Measuring the geographical
//   displacement and diffusion of benefit effects of crime prevention activity", Journal of
//   Quantitative Criminology 19(3)): WDQ = (Ba/Ca - Bb/Cb) / (Ra/Ca - Rb/Cb), and its success
//   measure Ra/Ca - Rb/Cb (negative = the response area improved relative to the control);
// - the relative effect size (Farrington et al.; the Campbell reviews of hot spots policing,
//   Braga et al.): RES = (Rb x Ca) / (Ra x Cb), var(ln RES) = 1/Ra + 1/Rb + 1/Ca + 1/Cb, so a
//   95% interval exp(ln RES -/+ 1.96 sd); above 1 the response area improved relative to control.
// Nothing here returns NaN or Infinity: an undefined measure is null with the reason.
import { binomialTestTwoSided } from '../binomial';

export interface PeriodCounts {
  before: number;
  during: number;
}

export interface AreaCounts {
  response: PeriodCounts;
  buffer: PeriodCounts;
  control: PeriodCounts;
}

/** Below this many incidents in the response area before, no verdict is given. */
export const MIN_RESPONSE_BEFORE = 10;
const Z_95 = 1.959963984540054;
const ALPHA = 0.05;

export interface Measure {
  value: number | null;
  /** Why value is null; null when it is not. */
  reason: string | null;
}

export interface Interval extends Measure {
  low: number | null;
  high: number | null;
}

const CONTROL_EMPTY = 'the control area had no incidents in one of the periods, so nothing can be compared with it';

/** Ra/Ca - Rb/Cb: below zero, the response area did better than the control. */
export function successMeasure({ response: r, control: c }: AreaCounts): Measure {
  if (c.before === 0 || c.during === 0) return { value: null, reason: CONTROL_EMPTY };
  return { value: r.during / c.during - r.before / c.before, reason: null };
}

/** (Ba/Ca - Bb/Cb) / (Ra/Ca - Rb/Cb), Bowers and Johnson (2003). */
export function weightedDisplacementQuotient(counts: AreaCounts): Measure {
  const { buffer: b, control: c } = counts;
  const success = successMeasure(counts);
  if (success.value === null) return success;
  if (success.value === 0)
    return { value: null, reason: 'the response area changed exactly as the control did, so there is no effect to weigh displacement against' };
  return { value: (b.during / c.during - b.before / c.before) / success.value, reason: null };
}

/** (Rb x Ca) / (Ra x Cb) with its 95% interval; above 1, the area improved relative to the control. */
export function relativeEffectSize(area: PeriodCounts, control: PeriodCounts, areaName = 'response area'): Interval {
  const zeros = [
    [area.before, `the ${areaName} before`],
    [area.during, `the ${areaName} during`],
    [control.before, 'the control area before'],
    [control.during, 'the control area during'],
  ].filter(([n]) => n === 0);
  if (zeros.length > 0) {
    return {
      value: null,
      low: null,
      high: null,
      reason: `the relative effect size needs incidents in every area and period, and there were none in ${zeros.map(([, name]) => name).join(' or ')}`,
    };
  }
  const logRes = Math.log(area.before) + Math.log(control.during) - Math.log(area.during) - Math.log(control.before);
  const sd = Math.sqrt(1 / area.before + 1 / area.during + 1 / control.before + 1 / control.during);
  return { value: Math.exp(logRes), low: Math.exp(logRes - Z_95 * sd), high: Math.exp(logRes + Z_95 * sd), reason: null };
}

/**
 * Did an area change differently from the control? Given its total over both periods, its
 * count during is Binomial(total, Cd / (Cb + Cd)) if it changed as the control did (the
 * conditional test for two Poisson rates, as geo/change.ts uses; it copes with zeros).
 */
export function changeAgainstControl(area: PeriodCounts, control: PeriodCounts): { direction: -1 | 0 | 1; p: number | null } {
  const controlTotal = control.before + control.during;
  const total = area.before + area.during;
  if (controlTotal === 0 || total === 0 || control.before === 0 || control.during === 0) return { direction: 0, p: null };
  const share = control.during / controlTotal;
  const p = binomialTestTwoSided(area.during, total, share);
  const expected = total * share;
  return { direction: p < ALPHA ? (Math.sign(area.during - expected) as -1 | 1) : 0, p };
}

export type DisplacementCode = 'displacement' | 'no-effect' | 'diffusion';

export interface DisplacementReading {
  /** Null when there is no effect in the response area to displace. */
  code: DisplacementCode | null;
  text: string;
}

const fixed = (value: number) => (Math.round(value * 100) / 100).toFixed(2);

/**
 * Reads the buffer as Bowers and Johnson do, and only once the verdict is that the response
 * area improved relative to the control (a relative effect size whose interval is above 1):
 * weighing a buffer against a fall that is noise, or against too few incidents, reads noise
 * as displacement. Then a buffer that rose significantly relative to the control is
 * displacement, one that fell is a diffusion of benefits, and one that did neither is no
 * effect; past |WDQ| = 1 the buffer effect outweighs the direct one.
 */
export function readDisplacement(counts: AreaCounts, verdict: Verdict): DisplacementReading {
  if (verdict.code !== 'improved') {
    const why =
      verdict.code === 'too-few'
        ? 'there are too few incidents in the response area to judge the tasking'
        : verdict.code === 'too-early' || verdict.code === 'cannot-judge'
          ? 'the tasking cannot be judged yet'
          : 'the response area did not improve clearly relative to the control area, so there is no effect to displace';
    return { code: null, text: `Displacement is not read: ${why}.` };
  }
  const wdq = weightedDisplacementQuotient(counts).value!;
  const buffer = changeAgainstControl(counts.buffer, counts.control);
  if (buffer.direction === 0) {
    return { code: 'no-effect', text: `Buffer flat relative to the control area: no displacement and no diffusion of benefits (WDQ ${fixed(wdq)}).` };
  }
  if (buffer.direction > 0) {
    return {
      code: 'displacement',
      text:
        wdq <= -1
          ? `Displacement greater than the direct effect: the buffer rose by more than the response area fell (WDQ ${fixed(wdq)}).`
          : `Displacement: the buffer rose relative to the control, by less than the response area fell (WDQ ${fixed(wdq)}).`,
    };
  }
  return {
    code: 'diffusion',
    text:
      wdq > 1
        ? `Diffusion of benefits greater than the direct effect: the buffer fell by more than the response area (WDQ ${fixed(wdq)}).`
        : `Diffusion of benefits: the buffer fell too, relative to the control (WDQ ${fixed(wdq)}).`,
  };
}

export type VerdictCode = 'too-early' | 'too-few' | 'cannot-judge' | 'improved' | 'worsened' | 'no-clear-change';

export interface Verdict {
  code: VerdictCode;
  text: string;
}

/** The verdict on the response area: from the relative effect size's 95% interval, once there is enough to judge. */
export function verdictOf(counts: AreaCounts, minResponseBefore = MIN_RESPONSE_BEFORE): Verdict {
  const rb = counts.response.before;
  if (rb < minResponseBefore) {
    return {
      code: 'too-few',
      text: `Too few incidents to judge: ${rb} in the response area before the tasking, and at least ${minResponseBefore} are needed for a fair comparison.`,
    };
  }
  const res = relativeEffectSize(counts.response, counts.control);
  if (res.value === null) return { code: 'cannot-judge', text: `No verdict: ${res.reason}.` };
  const interval = `relative effect size ${fixed(res.value)}, 95% interval ${fixed(res.low!)}-${fixed(res.high!)}`;
  if (res.low! > 1) return { code: 'improved', text: `The response area improved relative to the control area (${interval}).` };
  if (res.high! < 1) return { code: 'worsened', text: `The response area got worse relative to the control area (${interval}).` };
  return { code: 'no-clear-change', text: `No clear change relative to the control area: the interval includes 1 (${interval}).` };
}

/** Change in the daily rate, during against before, as a fraction (-0.4 = down 40%); null when there was nothing before. */
export function rateChange(counts: PeriodCounts, beforeDays: number, duringDays: number): number | null {
  if (counts.before === 0 || beforeDays <= 0 || duringDays <= 0) return null;
  return counts.during / duringDays / (counts.before / beforeDays) - 1;
}

/** A change in words: 'down 40%', 'up 12%', 'flat', or 'from nothing' when there was nothing before. */
export function describeChange(change: number | null): string {
  if (change === null) return 'from nothing';
  const pct = Math.round(change * 100);
  if (pct === 0) return 'flat';
  return `${pct < 0 ? 'down' : 'up'} ${Math.abs(pct)}%`;
}

const READING_WORDS: Record<DisplacementCode, string> = { displacement: 'displacement', 'no-effect': 'no displacement', diffusion: 'diffusion of benefits' };

/** The one line a busy screen shows, e.g. 'Robbery down 40% here (control up 2%); buffer flat: no displacement'. */
export function resultLine(
  themeLabel: string,
  counts: AreaCounts,
  days: { before: number; during: number },
  verdict: Verdict,
  reading: DisplacementReading,
): string {
  if (verdict.code === 'too-few') return 'Too few incidents to judge';
  if (verdict.code === 'too-early') return verdict.text;
  const here = `${themeLabel} ${describeChange(rateChange(counts.response, days.before, days.during))} here`;
  const control = `control ${describeChange(rateChange(counts.control, days.before, days.during))}`;
  const bufferChange = changeAgainstControl(counts.buffer, counts.control);
  const buffer = bufferChange.direction === 0 ? 'buffer flat' : `buffer ${describeChange(rateChange(counts.buffer, days.before, days.during))}`;
  const verdictWord =
    verdict.code === 'worsened'
      ? ': worse than the control area'
      : verdict.code === 'no-clear-change'
        ? ': no clear change'
        : verdict.code === 'cannot-judge'
          ? ': no verdict'
          : '';
  const readingWord = verdict.code === 'improved' && reading.code !== null ? `: ${READING_WORDS[reading.code]}` : '';
  return `${here} (${control})${verdictWord}; ${buffer}${readingWord}`;
}
