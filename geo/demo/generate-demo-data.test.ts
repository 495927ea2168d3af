import { describe, expect, it } from 'vitest';
import { categoryBySlug, categoriesOfGroup } from '../categories';
import { cellAt, cellCentre, cellResolution, cellsOfPolygon } from '../h3';
import { createAreaTest } from '../study-area';
import { dayNumber, parseIsoDate, parsePartnerDateTime } from '../time';
import type { LngLat } from '../types';
import { metresToDemoBoundary } from './demo-area';
import { groundTruthJson, incidentsCsv, studyAreaGeoJson, wardsGeoJson } from './demo-files';
import { metresBetween } from './demo-population';
import { generateDemoData, type DemoIncident } from './generate-demo-data';
import { plantedCellsOfKind } from './ground-truth';
import { PLANTED_KINDS } from './planted-patterns';
import { isSchoolDay } from './school-calendar';

const END_DAY = dayNumber(2026, 5, 1);
const data = generateDemoData({ endDay: END_DAY, seed: 1 });
const truth = data.groundTruth;

interface Row {
  incident: DemoIncident;
  day: number;
  hour: number;
  month: number;
}
const rows: Row[] = data.incidents.map((incident) => {
  const day = parseIsoDate(incident.occurredAt.slice(0, 10));
  if (!day.ok) throw new Error(day.reason);
  return {
    incident,
    day: day.value,
    hour: Number(incident.occurredAt.slice(11, 13)),
    month: Number(incident.occurredAt.slice(5, 7)),
  };
});

const ofKind = (kind: string) => truth.patterns.filter((p) => p.kind === kind);
const within = (row: Row, centre: LngLat, metres: number) => metresBetween([row.incident.lng, row.incident.lat], centre) <= metres;
const inGroup = (groupId: string) => {
  const slugs = new Set(categoriesOfGroup(groupId));
  return (row: Row) => slugs.has(row.incident.category);
};

// Area as a count of resolution-9 cells (0.105 km² each) is plenty for density ratios.
const studyCells = cellsOfPolygon(data.studyArea, 9, 'centre');
const DISK_CELLS = (metres: number) => (Math.PI * metres * metres) / 105_000;

/** -1 when equal; else the first line that differs (so a failure never diffs 7 MB strings). */
function firstDifferentLine(a: string, b: string): number {
  if (a === b) return -1;
  const [x, y] = [a.split('\n'), b.split('\n')];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i;
  return -1;
}

describe('generateDemoData: determinism', () => {
  it('gives byte-identical files for the same seed and end day', () => {
    const again = generateDemoData({ endDay: END_DAY, seed: 1 });
    expect(firstDifferentLine(incidentsCsv(again.incidents), incidentsCsv(data.incidents))).toBe(-1);
    expect(firstDifferentLine(groundTruthJson(again), groundTruthJson(data))).toBe(-1);
    expect(studyAreaGeoJson(again)).toBe(studyAreaGeoJson(data));
    expect(wardsGeoJson(again)).toBe(wardsGeoJson(data));
  });

  it('gives different data for a different seed', () => {
    const other = generateDemoData({ endDay: END_DAY, seed: 2 });
    expect(other.groundTruth.seed).toBe(2);
    expect(firstDifferentLine(incidentsCsv(other.incidents), incidentsCsv(data.incidents))).toBeGreaterThan(0);
    expect(Math.abs(other.incidents.length - data.incidents.length)).toBeLessThan(0.03 * data.incidents.length);
  });
});

describe('generateDemoData: the incidents', () => {
  it('cover two years ending the day before endDay, at Tower Hamlets volumes', () => {
    expect(truth.startDate).toBe('2024-05-01');
    expect(truth.endDate).toBe('2026-05-01');
    const days = rows.map((r) => r.day);
    expect(Math.min(...days)).toBe(truth.startDay);
    expect(Math.max(...days)).toBe(END_DAY - 1);
    const perYear = data.incidents.length / 2;
    expect(perYear).toBeGreaterThan(45_000);
    expect(perYear).toBeLessThan(60_000);
  });

  it('are valid partner rows: unique ids, known categories, minute London times in order', () => {
    const ids = new Set(data.incidents.map((i) => i.sourceRecordId));
    expect(ids.size).toBe(data.incidents.length);
    const bad: string[] = [];
    let previous = '';
    for (const incident of data.incidents) {
      const parsed = parsePartnerDateTime(incident.occurredAt);
      if (!categoryBySlug(incident.category)) bad.push(`${incident.sourceRecordId}: category ${incident.category}`);
      if (!parsed.ok || parsed.value !== incident.occurredAt) bad.push(`${incident.sourceRecordId}: time ${incident.occurredAt}`);
      if (incident.occurredAt < previous) bad.push(`${incident.sourceRecordId}: out of order`);
      previous = incident.occurredAt;
    }
    expect(bad).toEqual([]);
    expect(new Set(data.incidents.map((i) => i.precision))).toEqual(new Set(['minute']));
    // Every category the app knows is present.
    expect(Object.keys(truth.totals.byCategory).sort()).toEqual([...new Set(data.incidents.map((i) => i.category))].sort());
    expect(Object.keys(truth.totals.byCategory)).toHaveLength(18);
  });

  it('never uses a wall-clock time that London skips when the clocks go forward', () => {
    const skipped = data.incidents.filter((i) => i.occurredAt.startsWith('2025-03-30T01:') || i.occurredAt.startsWith('2026-03-29T01:'));
    expect(skipped).toEqual([]);
  });

  it('all fall inside the demo study area, by the project study-area test', () => {
    const areaTest = createAreaTest(data.studyArea);
    const outside = data.incidents.filter((i) => !areaTest.contains(i.lng, i.lat));
    expect(outside).toEqual([]);
  });

  it('have realistic background rhythms', () => {
    const background = rows.filter((r) => r.incident.patternId === null);
    const count = (pred: (r: Row) => boolean) => background.filter(pred).length;
    // Shoplifting happens in shop hours, vehicle crime at night, violence peaks late evening.
    expect(count((r) => r.incident.category === 'shoplifting' && r.hour === 16)).toBeGreaterThan(
      10 * count((r) => r.incident.category === 'shoplifting' && r.hour === 3),
    );
    expect(count((r) => r.incident.category === 'vehicle-crime' && r.hour === 1)).toBeGreaterThan(
      1.5 * count((r) => r.incident.category === 'vehicle-crime' && r.hour === 11),
    );
    expect(count((r) => r.incident.category === 'violent-crime' && r.hour === 21)).toBeGreaterThan(
      3 * count((r) => r.incident.category === 'violent-crime' && r.hour === 5),
    );
    // Violence is heavier on Saturdays than Tuesdays; ASB heavier in July than January.
    const weekday = (r: Row) => new Date(r.day * 86_400_000).getUTCDay();
    expect(count((r) => r.incident.category === 'violent-crime' && weekday(r) === 6)).toBeGreaterThan(
      1.2 * count((r) => r.incident.category === 'violent-crime' && weekday(r) === 2),
    );
    expect(count((r) => r.incident.category === 'anti-social-behaviour' && r.month === 7)).toBeGreaterThan(
      1.2 * count((r) => r.incident.category === 'anti-social-behaviour' && r.month === 1),
    );
  });
});

describe('generateDemoData: planted patterns are measurable in the data', () => {
  it('robbery near schools is many times the rate at other hours and elsewhere, 15:00-18:00 on school days', () => {
    const robbery = rows.filter((r) => r.incident.category === 'robbery');
    const afterSchool = (r: Row) => r.hour >= 15 && r.hour < 18 && isSchoolDay(r.day);
    const schoolDayHours = truth.termDates.schoolDays * 3;
    const otherHours = (truth.endDay - truth.startDay) * 24 - schoolDayHours;
    const planted = ofKind('robbery-near-school');
    expect(planted).toHaveLength(3);
    for (const p of planted) {
      const near = robbery.filter((r) => within(r, p.centre, p.radiusMeters));
      const ratePeak = near.filter(afterSchool).length / schoolDayHours;
      const rateOther = near.filter((r) => !afterSchool(r)).length / otherHours;
      expect(ratePeak / rateOther).toBeGreaterThan(10);
    }
    // Per unit area, at 15:00-18:00 on school days, versus the borough away from the schools.
    const nearAny = (r: Row) => planted.some((p) => within(r, p.centre, p.radiusMeters));
    const peakNear = robbery.filter((r) => afterSchool(r) && nearAny(r)).length / (3 * DISK_CELLS(300));
    const peakElsewhere = robbery.filter((r) => afterSchool(r) && !nearAny(r)).length / (studyCells.length - 3 * DISK_CELLS(300));
    expect(peakNear / peakElsewhere).toBeGreaterThan(10);
  });

  it('under-18 violence near schools peaks at 9am and dips in August and December', () => {
    for (const p of ofKind('under18-violence-school-morning')) {
      const near = rows.filter((r) => r.incident.category === 'violent-crime' && within(r, p.centre, p.radiusMeters));
      const byHour = new Array<number>(24).fill(0);
      for (const r of near) byHour[r.hour]! += 1;
      expect(byHour.indexOf(Math.max(...byHour))).toBe(9);
      const morning = near.filter((r) => r.hour >= 8 && r.hour <= 10);
      const byMonth = new Array<number>(13).fill(0);
      for (const r of morning) byMonth[r.month]! += 1;
      const usual = [1, 2, 3, 5, 6, 9, 10, 11].reduce((sum, m) => sum + byMonth[m]!, 0) / 8;
      expect(byMonth[8]!).toBeLessThan(0.3 * usual);
      expect(byMonth[12]!).toBeLessThan(0.75 * usual);
    }
  });

  it('evening serious violence is concentrated in the east (Bow, Mile End, Isle of Dogs, Poplar)', () => {
    const evening = (r: Row) => r.hour >= 18 || r.hour < 1;
    const split = -0.035; // roughly the Mile End / Stepney line
    const eastCells = studyCells.filter((c) => cellCentre(c)[0] > split).length;
    const westCells = studyCells.length - eastCells;
    // "The most serious violence" (seed 001): the partner serious violence and knife crime categories.
    const mostSerious = rows.filter((r) => ['serious-violence', 'knife-crime'].includes(r.incident.category));
    const eastEvening = mostSerious.filter((r) => evening(r) && r.incident.lng > split).length / eastCells;
    const westEvening = mostSerious.filter((r) => evening(r) && r.incident.lng <= split).length / westCells;
    expect(eastEvening / westEvening).toBeGreaterThan(2);
    const eveningShare = mostSerious.filter(evening).length / mostSerious.length;
    expect(eveningShare).toBeGreaterThan(0.5); // 7 of 24 hours
    // All violence, planted clusters included, still leans east in the evening.
    const serious = rows.filter((r) => ['violent-crime', 'serious-violence', 'knife-crime'].includes(r.incident.category));
    const share = (pred: (r: Row) => boolean) => serious.filter((r) => pred(r) && evening(r)).length / serious.filter(pred).length;
    expect(share((r) => r.incident.lng > split)).toBeGreaterThan(share((r) => r.incident.lng <= split) + 0.05);
    // Each of the four places is a local peak at night.
    const eveningDensity = serious.filter(evening).length / studyCells.length;
    const places = ofKind('violence-evening-east');
    expect(places.map((p) => p.place).sort()).toEqual(['Bow', 'Isle of Dogs', 'Mile End', 'Poplar']);
    for (const p of places) {
      const near = serious.filter((r) => evening(r) && within(r, p.centre, p.radiusMeters)).length;
      expect(near / DISK_CELLS(p.radiusMeters)).toBeGreaterThan(4 * eveningDensity);
    }
  });

  it('drug markets stand out in every quarter of the period', () => {
    const drugs = rows.filter(inGroup('drugs'));
    for (const p of ofKind('drug-market')) {
      for (let from = truth.startDay; from + 91 <= truth.endDay; from += 91) {
        const inQuarter = drugs.filter((r) => r.day >= from && r.day < from + 91);
        const average = inQuarter.length / studyCells.length;
        const near = inQuarter.filter((r) => within(r, p.centre, p.radiusMeters)).length;
        expect(near / DISK_CELLS(p.radiusMeters)).toBeGreaterThan(4 * average);
      }
    }
  });

  it('emerging hotspots are absent before their start and grow after it', () => {
    const emerging = ofKind('emerging');
    expect(emerging.length).toBeGreaterThanOrEqual(2);
    for (const p of emerging) {
      expect(p.fromDay).toBeGreaterThan(truth.endDay - 190);
      expect(p.toDay).toBe(truth.endDay);
      const cats = new Set(p.categories);
      const near = rows.filter((r) => cats.has(r.incident.category) && within(r, p.centre, p.radiusMeters));
      const perDay = (from: number, to: number) => near.filter((r) => r.day >= from && r.day < to).length / (to - from);
      const before = perDay(truth.startDay, p.fromDay);
      const third = (p.toDay - p.fromDay) / 3;
      const [a, b, c] = [0, 1, 2].map((k) => perDay(Math.round(p.fromDay + k * third), Math.round(p.fromDay + (k + 1) * third)));
      expect(a!).toBeLessThan(b!);
      expect(b!).toBeLessThan(c!);
      expect(c!).toBeGreaterThan(4 * before);
      expect(near.filter((r) => r.incident.patternId === p.id && r.day < p.fromDay)).toEqual([]);
    }
  });

  it('fading hotspots: one series stops in the final four weeks, one problem diminishes but stays', () => {
    const fading = ofKind('fading');
    expect(fading.map((p) => p.id).sort()).toEqual(['fading-asb-stepney', 'fading-burglary-wapping']);
    // Rates per day near the centre, on the pattern's least common category, where the
    // background is thinnest: the first 180 days against the final 28.
    const rates = (p: (typeof fading)[number]) => {
      const measured = [...p.categories].sort((a, b) => truth.totals.byCategory[a]! - truth.totals.byCategory[b]!)[0];
      const near = rows.filter((r) => r.incident.category === measured && within(r, p.centre, p.radiusMeters));
      return {
        early: near.filter((r) => r.day < truth.startDay + 180).length / 180,
        late: near.filter((r) => r.day >= truth.endDay - 28).length / 28,
      };
    };
    const stopped = fading.find((p) => p.id === 'fading-burglary-wapping')!;
    expect(stopped.toDay).toBe(truth.endDay - 28);
    expect(rates(stopped).late).toBeLessThan(0.3 * rates(stopped).early);
    const diminishing = fading.find((p) => p.id === 'fading-asb-stepney')!;
    expect(diminishing.toDay).toBe(truth.endDay);
    const { early, late } = rates(diminishing);
    expect(late).toBeGreaterThan(0.1 * early);
    expect(late).toBeLessThan(0.6 * early);
  });

  it('the sporadic hotspot is on in its bursts and off between them', () => {
    const [p] = ofKind('sporadic');
    expect(p).toBeDefined();
    expect(p!.activeWindows.length).toBeGreaterThanOrEqual(5);
    const inBurst = (day: number) => p!.activeWindows.some((w) => day >= w.fromDay && day < w.toDay);
    const burstDays = p!.activeWindows.reduce((sum, w) => sum + w.toDay - w.fromDay, 0);
    const onOff = (categories: readonly string[]) => {
      const cats = new Set(categories);
      const near = rows.filter((r) => cats.has(r.incident.category) && within(r, p!.centre, p!.radiusMeters));
      const on = near.filter((r) => inBurst(r.day)).length / burstDays;
      const off = near.filter((r) => !inBurst(r.day)).length / (truth.endDay - truth.startDay - burstDays);
      return on / off;
    };
    // Public order alone (half the bursts) jumps several-fold; all its categories, with their
    // heavy ASB and violence background, still clearly.
    expect(onOff(['public-order'])).toBeGreaterThan(5);
    expect(onOff(p!.categories)).toBeGreaterThan(2.5);
  });
});

describe('generateDemoData: ground truth', () => {
  it('has every kind, with consistent totals', () => {
    expect(new Set(truth.patterns.map((p) => p.kind))).toEqual(new Set(PLANTED_KINDS));
    expect(truth.totals.incidents).toBe(data.incidents.length);
    expect(truth.totals.background + truth.totals.planted).toBe(truth.totals.incidents);
    expect(Object.values(truth.totals.byCategory).reduce((a, b) => a + b, 0)).toBe(truth.totals.incidents);
    const inTaskings = truth.taskings.reduce((sum, t) => sum + t.incidents, 0);
    expect(inTaskings).toBeGreaterThan(0);
    expect(truth.patterns.reduce((sum, p) => sum + p.incidents, 0) + inTaskings).toBe(truth.totals.planted);
    expect(new Set(truth.patterns.map((p) => p.id)).size).toBe(truth.patterns.length);
    expect(truth.termDates.schoolDays).toBe(Array.from({ length: truth.endDay - truth.startDay }, (_, i) => truth.startDay + i).filter(isSchoolDay).length);
  });

  it('describes each pattern by the incidents actually generated', () => {
    for (const p of truth.patterns) {
      const mine = rows.filter((r) => r.incident.patternId === p.id);
      expect(mine.length).toBe(p.incidents);
      expect(Math.abs(p.incidents - p.expectedIncidents)).toBeLessThan(5 * Math.sqrt(p.expectedIncidents) + 5);
      const byCategory: Record<string, number> = Object.fromEntries(p.categories.map((c) => [c, 0]));
      for (const r of mine) byCategory[r.incident.category] = (byCategory[r.incident.category] ?? 0) + 1;
      expect(byCategory).toEqual(p.incidentsByCategory);
      for (const r of mine) {
        expect(metresBetween([r.incident.lng, r.incident.lat], p.centre)).toBeLessThanOrEqual(p.radiusMeters + 0.5);
        expect(p.hours).toContain(r.hour);
        expect(p.activeWindows.some((w) => r.day >= w.fromDay && r.day < w.toDay)).toBe(true);
        if (p.schoolDaysOnly) expect(isSchoolDay(r.day)).toBe(true);
      }
    }
  });

  it('lists non-empty H3 cells at resolutions 8, 9 and 10 that hold the cluster', () => {
    for (const p of truth.patterns) {
      const points = rows.filter((r) => r.incident.patternId === p.id).map((r) => r.incident);
      for (const [key, resolution] of [
        ['r8', 8],
        ['r9', 9],
        ['r10', 10],
      ] as const) {
        const cells = p.cells[key];
        expect(cells.length).toBeGreaterThan(0);
        for (const cell of cells) expect(cellResolution(cell)).toBe(resolution);
        expect(cells).toContain(cellAt(p.centre[0], p.centre[1], resolution));
        const held = points.filter((i) => cells.includes(cellAt(i.lng, i.lat, resolution))).length;
        expect(held / points.length).toBeGreaterThan(resolution === 10 ? 0.2 : 0.6);
      }
      expect(p.cells.r9.length).toBeLessThanOrEqual(7);
    }
    expect(plantedCellsOfKind(truth, 'robbery-near-school', 9).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps planted clusters apart and well inside the area', () => {
    for (const p of truth.patterns) {
      expect(metresToDemoBoundary(...p.centre)).toBeGreaterThan(p.radiusMeters + 100);
      for (const q of truth.patterns) {
        if (q === p) continue;
        expect(metresBetween(p.centre, q.centre)).toBeGreaterThan(500);
      }
    }
  });

  it('gives windows as day numbers and matching ISO dates inside the period', () => {
    for (const p of truth.patterns) {
      expect(p.fromDay).toBeGreaterThanOrEqual(truth.startDay);
      expect(p.toDay).toBeLessThanOrEqual(truth.endDay);
      for (const w of [p, ...p.activeWindows]) {
        expect(parseIsoDate(w.from)).toEqual({ ok: true, value: w.fromDay });
        expect(parseIsoDate(w.to)).toEqual({ ok: true, value: w.toDay });
      }
    }
  });
});

describe('generateDemoData: options', () => {
  it('makes one year on request, keeping the recent patterns', () => {
    const year = generateDemoData({ endDay: dayNumber(2024, 3, 1), seed: 5, years: 1 });
    expect(year.groundTruth.startDate).toBe('2023-03-01');
    // The planted taskings (planted-taskings.test.ts) add about 1,700 in their last five months on top.
    const volume = year.incidents.filter((i) => !year.groundTruth.taskings.some((t) => t.id === i.patternId)).length;
    expect(volume).toBeGreaterThan(45_000);
    expect(volume).toBeLessThan(60_000);
    expect(year.groundTruth.patterns.filter((p) => p.kind === 'emerging').every((p) => p.incidents > 0)).toBe(true);
  });

  it('refuses a nonsensical period', () => {
    expect(() => generateDemoData({ endDay: END_DAY, seed: 1, years: 0 })).toThrow(/years/);
  });
});
