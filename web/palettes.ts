// Every palette the web app draws classes with, in one list, read from the constants the views
// and their legends already use (no colour is written twice). palettes.test.ts checks each one
// for colour-blind safety (docs/decisions/034): under normal vision, deuteranopia, protanopia and
// tritanopia, every pair of classes a reader must tell apart differs by at least the minimum
// CIEDE2000 distance of its kind.
import { BEFORE_FILL, DURING_FILL } from './taskings/results-chart';
import { OUTLINE, REVIEW_DUE, SELECTED } from './taskings/tasking-layers';
import { BLIND_EDGE, COVERAGE_CLASSES, HOT_EDGE, STATUS_COLOURS, STATUS_LABELS } from './cctv/cctv-layers';
import { CLASS_COLOURS, legendClasses, type Rgb } from './colour-scale';
import { differenceAsSeen, VISIONS, type Vision } from './colour-vision';
import { PERSISTENCE_ORDER, PERSISTENCE_STYLES } from './themes/drug-market-layers';
import { SCHOOL_CELL_CLASSES, schoolCellClassLabel } from './themes/school-layers';
import { EMERGING_PATTERNS, type EmergingPattern } from '../geo/emerging';
import { PUBLIC_SEQUENTIAL, PUBLIC_ZERO } from './public/public-classes';
import { binLegend, COLD_PATTERN_COLOURS, describePattern, HOT_PATTERN_COLOURS, PATTERN_LABELS } from './view-colours';

/**
 * sequential: ordered classes of one quantity (only neighbours must differ: a reader matches a
 * cell to its legend step and its neighbours); diverging: the same, through a middle class;
 * categorical: unordered classes, every pair must differ.
 */
export type PaletteKind = 'sequential' | 'diverging' | 'categorical';

export interface PaletteClass {
  key: string;
  label: string;
  colour: Rgb;
}

export interface Palette {
  id: string;
  /** Where the palette is drawn, in words. */
  where: string;
  kind: PaletteKind;
  /** In legend order; for sequential and diverging palettes, in the order of the scale. */
  classes: readonly PaletteClass[];
}

const rgbOf = (colour: readonly number[]): Rgb => [colour[0]!, colour[1]!, colour[2]!];
const rgbOfHex = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

/**
 * The cold emerging patterns share four blues by design (view-colours.ts): a meeting acts on hot
 * spots, so the cold side says only how current it is. Each blue is one class to tell apart.
 */
function coldPatternTiers(): PaletteClass[] {
  const tiers = new Map<string, EmergingPattern[]>();
  for (const pattern of EMERGING_PATTERNS) {
    const key = COLD_PATTERN_COLOURS[pattern].join(',');
    tiers.set(key, [...(tiers.get(key) ?? []), pattern]);
  }
  return [...tiers.values()].map((patterns) => {
    const words = patterns.map((pattern, k) => (k === 0 ? PATTERN_LABELS[pattern] : PATTERN_LABELS[pattern].toLowerCase()));
    const listed = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words.at(-1)!}`;
    return { key: `cold:${patterns[0]!}`, label: `${listed} cold spot`, colour: COLD_PATTERN_COLOURS[patterns[0]!] };
  });
}

export const PALETTES: readonly Palette[] = [
  {
    id: 'counts',
    where: 'Counts view: incidents per 28 days per cell (colour-scale.ts)',
    kind: 'sequential',
    classes: legendClasses(9).map((cls, k) => ({ key: `class${k}`, label: cls.label, colour: CLASS_COLOURS[k]! })),
  },
  {
    id: 'hotspots',
    where: 'Hot spots view and the serious violence theme: Gi* confidence bins (view-colours.ts)',
    kind: 'diverging',
    classes: binLegend(),
  },
  {
    id: 'emerging',
    where: 'Emerging view: hot patterns, then the cold tiers (view-colours.ts)',
    kind: 'categorical',
    classes: [
      ...EMERGING_PATTERNS.map((pattern) => ({ key: `hot:${pattern}`, label: describePattern('hot', pattern), colour: HOT_PATTERN_COLOURS[pattern] })),
      ...coldPatternTiers(),
    ],
  },
  {
    id: 'cctv-coverage',
    where: 'CCTV view: share of a cell in view of a working camera (cctv/cctv-layers.ts)',
    kind: 'sequential',
    classes: COVERAGE_CLASSES.map((cls) => ({ key: cls.key, label: cls.label, colour: cls.colour })),
  },
  {
    id: 'cctv-cameras',
    where: 'CCTV view: cameras by status (cctv/cctv-layers.ts)',
    kind: 'categorical',
    classes: (Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[]).map((status) => ({
      key: status,
      label: `${STATUS_LABELS[status]} camera`,
      colour: STATUS_COLOURS[status],
    })),
  },
  {
    id: 'cctv-hot-outlines',
    where: 'CCTV view: outlines of covered and blind hot cells (cctv/cctv-layers.ts)',
    kind: 'categorical',
    classes: [
      { key: 'hot-covered', label: 'Hot cell, covered', colour: rgbOf(HOT_EDGE) },
      { key: 'hot-blind', label: 'Blind hot cell', colour: rgbOf(BLIND_EDGE) },
    ],
  },
  {
    id: 'schools',
    where: 'Robbery near schools theme: incidents in a cell (themes/school-layers.ts)',
    kind: 'sequential',
    classes: SCHOOL_CELL_CLASSES.map((cls, k) => ({ key: cls.key, label: schoolCellClassLabel(k), colour: cls.colour })),
  },
  {
    id: 'drug-markets',
    where: 'Drug markets theme: persistence of hot cells (themes/drug-market-layers.ts)',
    kind: 'categorical',
    classes: PERSISTENCE_ORDER.map((p) => ({ key: p, label: PERSISTENCE_STYLES[p].name, colour: PERSISTENCE_STYLES[p].fill })),
  },
  {
    id: 'tasking-outlines',
    where: 'Taskings over every view: outline of a tasking, one due for review, the one selected (taskings/tasking-layers.ts)',
    kind: 'categorical',
    classes: [
      { key: 'tasking', label: 'Tasking', colour: rgbOf(OUTLINE) },
      { key: 'review-due', label: 'Tasking due for review', colour: rgbOf(REVIEW_DUE) },
      { key: 'selected', label: 'Selected tasking', colour: rgbOf(SELECTED) },
    ],
  },
  {
    id: 'tasking-results',
    where: "A tasking's results chart: before and during (taskings/results-chart.tsx)",
    kind: 'categorical',
    classes: [
      { key: 'before', label: 'Before', colour: BEFORE_FILL },
      { key: 'during', label: 'During', colour: DURING_FILL },
    ],
  },
  {
    id: 'public-wards',
    where: 'Public page: wards by their published figure, none recorded to the most; withheld grey is checked against each in public-classes.test.ts',
    kind: 'sequential',
    classes: [
      { key: 'zero', label: 'None recorded', colour: rgbOfHex(PUBLIC_ZERO) },
      ...PUBLIC_SEQUENTIAL.map((colour, k) => ({ key: `step${k}`, label: k === 0 ? 'Fewer than 10' : `Range ${k}`, colour: rgbOfHex(colour) })),
    ],
  },
];

/** The pairs of classes a reader must tell apart: neighbours on a scale, every pair otherwise. */
export function pairsToTellApart(palette: Palette): [PaletteClass, PaletteClass][] {
  const { classes } = palette;
  if (palette.kind !== 'categorical') return classes.slice(1).map((cls, k) => [classes[k]!, cls]);
  return classes.flatMap((first, i) => classes.slice(i + 1).map((second): [PaletteClass, PaletteClass] => [first, second]));
}

/**
 * The least CIEDE2000 difference, under every simulated vision, between two classes a reader must
 * tell apart (docs/decisions/034 says why): neighbours on an ordered scale are helped by their
 * order and their place in the legend; unordered classes have only their colour.
 */
export const MIN_DIFFERENCE: Readonly<Record<PaletteKind, number>> = { sequential: 8, diverging: 8, categorical: 10 };

export interface PairTooClose {
  palette: string;
  vision: Vision;
  first: string;
  second: string;
  difference: number;
}

/** Every pair of a palette closer than its kind's minimum, under any vision; empty when it passes. */
export function pairsTooClose(palette: Palette, minimum = MIN_DIFFERENCE[palette.kind]): PairTooClose[] {
  return VISIONS.flatMap((vision) =>
    pairsToTellApart(palette)
      .map(([first, second]) => ({
        palette: palette.id,
        vision,
        first: first.key,
        second: second.key,
        difference: differenceAsSeen(first.colour, second.colour, vision),
      }))
      .filter((pair) => pair.difference < minimum),
  );
}

/** The closest pair a reader must tell apart, under the given vision. */
export function closestDifference(palette: Palette, vision: Vision): number {
  return Math.min(...pairsToTellApart(palette).map(([first, second]) => differenceAsSeen(first.colour, second.colour, vision)));
}
