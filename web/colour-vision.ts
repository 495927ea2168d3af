// Colour-vision simulation and colour difference, to check that the map's palettes stay
// readable for the common colour-vision deficiencies (docs/decisions/034). Pure arithmetic on
// sRGB triples (0..255): no DOM, no canvas, so a unit test can check every legend.
import type { Rgb } from './colour-scale';

export type Vision = 'normal' | 'deuteranopia' | 'protanopia' | 'tritanopia';
export const VISIONS: readonly Vision[] = ['normal', 'deuteranopia', 'protanopia', 'tritanopia'];

type Matrix3 = readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];

/**
 * Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color
 * Vision Deficiency", IEEE TVCG 15(6): 1291-1298: the matrices at severity 1.0 (dichromacy) from
 * the authors' table of precomputed matrices. Applied to LINEAR sRGB (their model works on the
 * display's linear primaries), then clipped to the gamut.
 */
export const MACHADO_2009: Readonly<Record<Exclude<Vision, 'normal'>, Matrix3>> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** A linear-light RGB triple, 0..1. */
export type LinearRgb = [number, number, number];
/** CIELAB (D65 white), L* 0..100. */
export type Lab = [l: number, a: number, b: number];

/** IEC 61966-2-1 (sRGB) decoding of one 0..255 channel to linear light 0..1. */
export function srgbChannelToLinear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function srgbToLinear([r, g, b]: Rgb): LinearRgb {
  return [srgbChannelToLinear(r), srgbChannelToLinear(g), srgbChannelToLinear(b)];
}

const clip01 = (x: number) => Math.min(1, Math.max(0, x));

/** The linear RGB a dichromat of this kind sees for an sRGB colour (normal vision: unchanged). */
export function simulateLinear(colour: Rgb, vision: Vision): LinearRgb {
  const linear = srgbToLinear(colour);
  if (vision === 'normal') return linear;
  const m = MACHADO_2009[vision];
  const row = (k: 0 | 1 | 2) => clip01(m[k][0] * linear[0] + m[k][1] * linear[1] + m[k][2] * linear[2]);
  return [row(0), row(1), row(2)];
}

// sRGB primaries and D65 white (IEC 61966-2-1), linear RGB -> CIE XYZ with Y of white = 1.
const D65: readonly [number, number, number] = [0.95047, 1, 1.08883];

export function linearToLab([r, g, b]: LinearRgb): Lab {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / D65[0];
  const y = (0.2126729 * r + 0.7151522 * g + 0.072175 * b) / D65[1];
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / D65[2];
  // CIE 1976: the cube root with its linear segment below (6/29)^3.
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** The CIELAB of an sRGB colour as seen with the given vision. */
export function labAsSeen(colour: Rgb, vision: Vision): Lab {
  return linearToLab(simulateLinear(colour, vision));
}

const DEG = Math.PI / 180;

/**
 * CIEDE2000 colour difference, as written out by Sharma, Wu & Dalal (2005), "The CIEDE2000
 * Color-Difference Formula: Implementation Notes, Supplementary Test Data, and Mathematical
 * Observations", Color Research & Application 30(1): 21-30, equations 1-20, kL = kC = kH = 1.
 * About 1 is a just-noticeable difference; the test data of their Table 1 check this code.
 */
export function ciede2000([l1, a1, b1]: Lab, [l2, a2, b2]: Lab): number {
  const cAb = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cAb ** 7 / (cAb ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const hueOf = (a: number, b: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / DEG + 360) % 360);
  const h1p = hueOf(a1p, b1);
  const h2p = hueOf(a2p, b2);

  const dLp = l2 - l1;
  const dCp = c2p - c1p;
  let dhp = 0;
  if (c1p * c2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin((dhp / 2) * DEG);

  const lBar = (l1 + l2) / 2;
  const cBar = (c1p + c2p) / 2;
  let hBar = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hBar /= 2;
    else hBar = h1p + h2p < 360 ? (hBar + 360) / 2 : (hBar - 360) / 2;
  }
  const t =
    1 - 0.17 * Math.cos((hBar - 30) * DEG) + 0.24 * Math.cos(2 * hBar * DEG) + 0.32 * Math.cos((3 * hBar + 6) * DEG) - 0.2 * Math.cos((4 * hBar - 63) * DEG);
  const dTheta = 30 * Math.exp(-(((hBar - 275) / 25) ** 2));
  const rC = 2 * Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7));
  const sL = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sC = 1 + 0.045 * cBar;
  const sH = 1 + 0.015 * cBar * t;
  const rT = -Math.sin(2 * dTheta * DEG) * rC;
  const dl = dLp / sL;
  const dc = dCp / sC;
  const dh = dHp / sH;
  return Math.sqrt(dl * dl + dc * dc + dh * dh + rT * dc * dh);
}

/** CIEDE2000 between two sRGB colours as a person with the given vision sees them. */
export function differenceAsSeen(first: Rgb, second: Rgb, vision: Vision): number {
  return ciede2000(labAsSeen(first, vision), labAsSeen(second, vision));
}
