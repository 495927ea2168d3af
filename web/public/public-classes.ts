// The public ward map's classes (issue 15): what each ward's published figure is coloured by.
// Published figures are 0, "fewer than 10", "withheld" or a multiple of 5 from 10, so the classes
// are those three plus up to four ranges of the rounded figures, split where the month's wards
// split into quarters. A sequential ColorBrewer OrRd palette: light for few, dark for many.
import type { PublicFigure } from './public-api';

export interface FigureClass {
  id: string;
  label: string;
  /** [r, g, b] */
  colour: [number, number, number];
}

const hex = (text: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(text.slice(i, i + 2), 16)) as [number, number, number];

/** ColorBrewer OrRd, 5 classes (Brewer & Harrower): the lightest stands for "fewer than 10". */
export const PUBLIC_SEQUENTIAL = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'] as const;
export const PUBLIC_ZERO = '#ffffff';
export const PUBLIC_WITHHELD = '#969696';

export interface FigureClasses {
  classes: FigureClass[];
  classOf(figure: PublicFigure): FigureClass;
}

/** Up to four ranges over the rounded figures given (each a multiple of the rounding), lowest first. */
export function roundedRanges(values: readonly number[], threshold: number, roundingBase: number): [number, number][] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const max = sorted.at(-1)!;
  const cuts = new Set<number>();
  for (const q of [0.25, 0.5, 0.75]) {
    const at = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    // A cut at the smallest figure would leave the first range empty.
    if (at > Math.max(threshold, sorted[0]!)) cuts.add(at);
  }
  const starts = [threshold, ...[...cuts].sort((a, b) => a - b)];
  return starts.map((start, k) => [start, k + 1 < starts.length ? starts[k + 1]! - roundingBase : max] as [number, number]).filter(([a, b]) => b >= a);
}

export function figureClasses(figures: readonly PublicFigure[], rules: { smallCountThreshold: number; roundingBase: number }): FigureClasses {
  const t = rules.smallCountThreshold;
  const zero: FigureClass = { id: 'zero', label: 'None recorded', colour: hex(PUBLIC_ZERO) };
  const few: FigureClass = { id: 'fewer-than', label: `Fewer than ${t}`, colour: hex(PUBLIC_SEQUENTIAL[0]) };
  const withheld: FigureClass = { id: 'withheld', label: 'Withheld (to protect a small figure)', colour: hex(PUBLIC_WITHHELD) };
  const ranges = roundedRanges(
    figures.filter((f) => f.kind === 'rounded').map((f) => f.value!),
    t,
    rules.roundingBase,
  );
  const rangeClasses = ranges.map(([from, to], k): FigureClass => {
    const colour = PUBLIC_SEQUENTIAL[Math.min(PUBLIC_SEQUENTIAL.length - 1, k + 1 + Math.max(0, 4 - ranges.length))]!;
    return { id: `range-${k}`, label: from === to ? `${from}` : `${from} to ${to}`, colour: hex(colour) };
  });
  const classes = [zero, few, ...rangeClasses, withheld];
  return {
    classes,
    classOf(figure) {
      if (figure.kind === 'zero') return zero;
      if (figure.kind === 'fewer-than') return few;
      if (figure.kind === 'withheld') return withheld;
      const k = ranges.findIndex(([from, to]) => figure.value! >= from && figure.value! <= to);
      return rangeClasses[k === -1 ? rangeClasses.length - 1 : k] ?? withheld;
    },
  };
}
