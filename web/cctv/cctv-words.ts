// The CCTV answers in words: every figure with its unit ("15% of 3,437 incidents", "140 m", "a
// harm score of 1,234"), and no API parameter name on screen. Pure, so the wording is unit-tested.
import { percent, plural } from '../themes/theme-words';

/** 0.153 → '15%'; a share above 0 that rounds to 0 reads 'under 1%'. */
export function shareText(share: number): string {
  if (share > 0 && share < 0.005) return 'under 1%';
  return percent(share);
}

/** A harm-weighted count: one decimal under 100, whole above ('12.5', '1,234'). */
export function harmText(value: number): string {
  const rounded = value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
  return rounded.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

/** '140 m', '1,240 m'. */
export function metresText(metres: number): string {
  return `${Math.round(metres).toLocaleString('en-GB')} m`;
}

export interface CoverageFigures {
  incidents: number;
  incidentsCovered: number | null;
  harmCovered: number | null;
  hotCells: number;
  hotCellsCovered: number;
  blindHotCells: number;
}

/**
 * '15% of 3,437 incidents (Violence and weapons) in the window fall in view of a working camera;
 * 10 of 24 hot cells are covered (25% of the cell or more).'
 */
export function coverageHeadline(s: CoverageFigures, groupLabel: string, threshold: number): string {
  const incidents =
    s.incidents === 0 || s.incidentsCovered === null
      ? `No incidents (${groupLabel}) in the window`
      : `${shareText(s.incidentsCovered)} of ${plural(s.incidents, 'incident', 'incidents')} (${groupLabel}) in the window fall in view of a working camera`;
  const hot =
    s.hotCells === 0
      ? 'no hot cells at 95% confidence or more'
      : `${s.hotCellsCovered.toLocaleString('en-GB')} of ${plural(s.hotCells, 'hot cell', 'hot cells')} ${s.hotCellsCovered === 1 ? 'is' : 'are'} covered (${percent(threshold)} of the cell or more in view)`;
  return `${incidents}; ${hot}.`;
}

/** 'Weighted by harm, 12% of it is in view. 14 hot cells are blind.' */
export function harmAndBlindSentence(s: CoverageFigures): string {
  const harm = s.harmCovered === null ? '' : `Weighted by harm, ${shareText(s.harmCovered)} of it is in view. `;
  const blind =
    s.blindHotCells === 0 ? 'No hot cell is blind.' : `${plural(s.blindHotCells, 'hot cell is', 'hot cells are')} blind: listed below, worst first.`;
  return `${harm}${blind}`;
}

/** '380 cameras: 344 working, 28 faulty, 8 removed. Only working cameras count.' */
export function camerasSentence(c: { stored: number; working?: number; faulty?: number; removed?: number }): string {
  if (c.stored === 0) return 'No cameras are stored.';
  return (
    `${plural(c.stored, 'camera', 'cameras')}: ${(c.working ?? 0).toLocaleString('en-GB')} working, ` +
    `${(c.faulty ?? 0).toLocaleString('en-GB')} faulty, ${(c.removed ?? 0).toLocaleString('en-GB')} removed. Only working cameras count.`
  );
}

/** '212 fixed, 96 PTZ, 12 ANPR, 6 redeployable'. */
export function camerasByTypeText(types: readonly string[]): string {
  const names: Record<string, [string, string]> = {
    fixed: ['fixed', 'fixed'],
    ptz: ['PTZ', 'PTZ'],
    anpr: ['ANPR', 'ANPR'],
    redeployable: ['redeployable', 'redeployable'],
  };
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return Object.keys(names)
    .filter((t) => counts.has(t))
    .map((t) => `${counts.get(t)!.toLocaleString('en-GB')} ${names[t]![1]}`)
    .join(', ');
}

/** How the harm score weighs what is counted, in words. */
export function harmScoreNote(weights: readonly { category: string; basis: 'severity' | 'count' }[], labelOf: (slug: string) => string): string {
  const counted = weights.filter((w) => w.basis === 'count').map((w) => labelOf(w.category));
  const base = 'Harm score: each incident weighted by its Crime Severity Score (the average days of custody its offence is sentenced to)';
  return counted.length === 0 ? `${base}.` : `${base}; ${counted.join(', ')} count 1 each.`;
}

/** The nearest working camera in words: '140 m (TH-0042)' or 'none working'. */
export function nearestText(nearest: { id: string; distanceMeters: number } | null): string {
  return nearest ? `${metresText(nearest.distanceMeters)} (${nearest.id})` : 'no working camera';
}

export interface SitingFigures {
  sites: readonly { marginalGain: number }[];
  total: number;
  uncovered: number;
  requested: number;
  rangeMeters: number;
}

/** 'The 5 sites newly cover a harm score of 412.5, 18% of the 2,291 not yet in view (each a circle of 80 m).' */
export function sitingTotalSentence(s: SitingFigures): string {
  if (s.sites.length === 0) return 'No site would watch anything not already in view: every incident in the window is already covered.';
  const share = s.uncovered > 0 ? `, ${shareText(s.total / s.uncovered)} of the ${harmText(s.uncovered)} not yet in view` : '';
  const fewer = s.sites.length < s.requested ? ` Only ${plural(s.sites.length, 'site adds', 'sites add')} anything; more cameras would watch nothing new.` : '';
  return `The ${plural(s.sites.length, 'site newly covers', 'sites newly cover')} a harm score of ${harmText(s.total)}${share} (each camera a circle of ${metresText(s.rangeMeters)}).${fewer}`;
}

/** The cumulative harm score after each site. */
export function cumulativeGains(sites: readonly { marginalGain: number }[]): number[] {
  let sum = 0;
  return sites.map((s) => (sum += s.marginalGain));
}
