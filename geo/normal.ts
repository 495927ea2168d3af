// Standard normal distribution to full double precision, for Gi* p-values.
//
// W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for
// the error function", Math. Comp. 1969; ALGORITHM 715 SPECFUN, ACM TOMS 19, 1993), with
// the coefficients and range splits R's nmath pnorm_both uses. Three ranges of |x|:
// up to qnorm(3/4), up to sqrt(32), and the asymptotic tail. The small tail is computed
// directly (never as 1 - something), so p-values for |z| up to ~37.5 keep their relative
// accuracy: a hot spot with z = 8 gets p = 1.2e-15, not 0.

/* eslint-disable no-loss-of-precision -- Cody's coefficients digit for digit as published (and as in R's pnorm.c); rounding to the nearest double is intended */
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326,
  11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411,
  19685.429676859990727,
];
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/** qnorm(3/4): below it the central approximation is used. */
const CENTRAL_LIMIT = 0.67448975;
const SQRT_32 = 5.656854249492380195206754896838;
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
/* eslint-enable no-loss-of-precision */
/** Beyond this |x| the smaller tail underflows to 0 in double precision. */
const TAIL_UNDERFLOW = 37.5193;

/**
 * exp(-y²/2) * factor, with y² split as (y rounded down to 1/16)² + rest so the
 * exponent is exact in floating point (Cody's trick; R's do_del).
 */
function gaussianTimes(y: number, factor: number): number {
  const ySixteenths = Math.trunc(y * 16) / 16;
  const rest = (y - ySixteenths) * (y + ySixteenths);
  return Math.exp(-ySixteenths * ySixteenths * 0.5) * Math.exp(-rest * 0.5) * factor;
}

/** Φ(-y) for y > qnorm(3/4): the smaller tail, computed without cancellation. */
function smallTail(y: number): number {
  if (y <= SQRT_32) {
    let numerator = C[8]! * y;
    let denominator = y;
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + C[i]!) * y;
      denominator = (denominator + D[i]!) * y;
    }
    return gaussianTimes(y, (numerator + C[7]!) / (denominator + D[7]!));
  }
  if (y >= TAIL_UNDERFLOW) return 0;
  const inverseSquare = 1 / (y * y);
  let numerator = P[5]! * inverseSquare;
  let denominator = inverseSquare;
  for (let i = 0; i < 4; i++) {
    numerator = (numerator + P[i]!) * inverseSquare;
    denominator = (denominator + Q[i]!) * inverseSquare;
  }
  const series = (inverseSquare * (numerator + P[4]!)) / (denominator + Q[4]!);
  return gaussianTimes(y, (ONE_OVER_SQRT_2PI - series) / y);
}

/** Φ(x) - 1/2 for |x| <= qnorm(3/4). */
function centralHalf(x: number): number {
  const square = x * x;
  let numerator = A[4]! * square;
  let denominator = square;
  for (let i = 0; i < 3; i++) {
    numerator = (numerator + A[i]!) * square;
    denominator = (denominator + B[i]!) * square;
  }
  return (x * (numerator + A[3]!)) / (denominator + B[3]!);
}

/** Φ(x) = P(Z <= x) for a standard normal Z. NaN in, NaN out. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= CENTRAL_LIMIT) return 0.5 + centralHalf(x);
  const tail = smallTail(y);
  return x > 0 ? 1 - tail : tail;
}

/** 1 - Φ(x) = P(Z > x), accurate in the upper tail. */
export function normalSurvival(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= CENTRAL_LIMIT) return 0.5 - centralHalf(x);
  const tail = smallTail(y);
  return x > 0 ? tail : 1 - tail;
}

/** Two-sided p-value of a z-score: 2 P(Z > |z|), as R's 2 * pnorm(abs(z), lower.tail = FALSE). */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const y = Math.abs(z);
  if (y <= CENTRAL_LIMIT) return 1 - 2 * centralHalf(y);
  return 2 * smallTail(y);
}
