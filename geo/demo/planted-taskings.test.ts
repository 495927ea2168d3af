import { describe, expect, it } from 'vitest';
import { cellAt, cellResolution, cellsWithinDistance } from '../h3';
import { studyAreaCells } from '../study-cells';
import { visitInsideBands, visitMinutes } from '../taskings/dosage';
import { isKoperLength } from '../taskings/koper';
import { effectiveStatus } from '../taskings/status';
import { bufferCells } from '../taskings/tasking-area';
import { DEFAULT_TACTICS, DEFAULT_TEAMS } from '../taskings/tasking-options';
import { weekHoursOfBands } from '../taskings/time-bands';
import { dayNumber, instantOfLondonWallClock, isoDateOfDay, londonWallClock, parseIsoDate, weekdayOfDay } from '../time';

import { DEMO_STUDY_AREA, insideDemoArea } from './demo-area';
import { generateDemoData } from './generate-demo-data';
import { plantedPatterns } from './planted-patterns';
import { demoStudyCells, generatePlantedIncidents, plantedTaskingArea } from './generate-planted-taskings';
import { plantedTaskings, PLANTED_EFFECTS, type PlantedTaskingSpec } from './planted-taskings';

const END_DAY = dayNumber(2026, 5, 1);
const data = generateDemoData({ endDay: END_DAY, seed: 1 });
const truth = data.groundTruth;
const START = END_DAY - 42;

const dayOf = (iso: string) => {
  const day = parseIsoDate(iso.slice(0, 10));
  if (!day.ok) throw new Error(day.reason);
  return day.value;
};
const studyCells = (() => {
  const cells = studyAreaCells(DEMO_STUDY_AREA, 9);
  if (!cells.ok) throw new Error(cells.reason);
  return new Set(cells.value);
})();
/** The instant London's day `day` begins. */
const londonMidnight = (day: number) => {
  const instant = instantOfLondonWallClock(`${isoDateOfDay(day)}T00:00`);
  if (!instant.ok) throw new Error(instant.reason);
  return instant.value.getTime();
};

describe('planted taskings: what is planted', () => {
  it('plants one tasking of each effect, in categories no planted pattern uses', () => {
    expect(truth.taskings.map((t) => t.effect)).toEqual(PLANTED_EFFECTS);
    expect(data.taskings.map((t) => t.plantId)).toEqual(truth.taskings.map((t) => t.id));
    const patternCategories = new Set(plantedPatterns(truth.startDay, truth.endDay).flatMap((p) => p.categories.map((c) => c.slug)));
    const categories = truth.taskings.flatMap((t) => t.categories);
    expect(new Set(categories).size).toBe(4);
    for (const category of categories) expect(patternCategories.has(category)).toBe(false);
  });

  it('places each in the demo area: three touching resolution-9 cells, a one-ring buffer, all study cells', () => {
    for (const t of truth.taskings) {
      expect(insideDemoArea(...t.centre)).toBe(true);
      expect(t.responseCells).toHaveLength(3);
      expect(t.responseCells).toContain(cellAt(t.centre[0], t.centre[1], 9));
      for (const cell of t.responseCells) {
        expect(cellResolution(cell)).toBe(9);
        expect(studyCells.has(cell)).toBe(true);
        // Touching: each cell is next to the other two.
        expect(t.responseCells.filter((other) => cellsWithinDistance(cell, 1).includes(other))).toHaveLength(3);
      }
      // The buffer the results compute with bufferRings = 1.
      expect(t.bufferCells).toEqual(bufferCells(t.responseCells, 1, studyCells));
      expect(t.bufferCells).toHaveLength(9);
      for (const cell of t.bufferCells) expect(studyCells.has(cell)).toBe(true);
      expect(data.taskings.find((d) => d.plantId === t.id)!.fields.cells).toEqual(t.responseCells);
    }
  });

  it('puts exactly the planted counts in each segment, inside the time bands, and nothing else', () => {
    for (const t of truth.taskings) {
      const weekHours = weekHoursOfBands(t.timeBands);
      const mine = data.incidents.filter((i) => i.patternId === t.id);
      expect(mine).toHaveLength(t.incidents);
      expect(t.segments.reduce((sum, s) => sum + s.incidents, 0)).toBe(t.incidents);
      const areaOf = (cell: string) => (t.responseCells.includes(cell) ? 'response' : t.bufferCells.includes(cell) ? 'buffer' : 'outside');
      const counted = t.segments.map(() => 0);
      for (const incident of mine) {
        const day = dayOf(incident.occurredAt);
        const hour = Number(incident.occurredAt.slice(11, 13));
        expect(t.categories).toContain(incident.category);
        expect(insideDemoArea(incident.lng, incident.lat)).toBe(true);
        expect(weekHours[weekdayOfDay(day) * 24 + hour]).toBe(1);
        const area = areaOf(cellAt(incident.lng, incident.lat, 9));
        const segment = t.segments.findIndex((s) => s.area === area && day >= s.fromDay && day < s.toDay);
        expect(segment, `${t.id} incident ${incident.sourceRecordId} in no segment`).toBeGreaterThanOrEqual(0);
        counted[segment]! += 1;
      }
      expect(counted).toEqual(t.segments.map((s) => s.incidents));
    }
  });

  it('records the planted counts per area and period, and the fall they make', () => {
    const byId = Object.fromEntries(truth.taskings.map((t) => [t.effect, t]));
    for (const t of truth.taskings) {
      expect(t.periods.before).toMatchObject({ fromDay: START - 42, toDay: START });
      expect(t.periods.during).toMatchObject({ fromDay: START, toDay: END_DAY });
    }
    // Halved in the response area; the buffer gains during (displacement) or halves too (diffusion).
    expect(byId.displacement!.plantedCounts).toEqual({ response: { before: 147, during: 74 }, buffer: { before: 0, during: 38 } });
    expect(byId.diffusion!.plantedCounts).toEqual({ response: { before: 147, during: 74 }, buffer: { before: 105, during: 42 } });
    expect(byId['no-effect']!.plantedCounts).toEqual({ response: { before: 84, during: 84 }, buffer: { before: 0, during: 0 } });
    expect(byId['too-few']!.plantedCounts).toEqual({ response: { before: 4, during: 3 }, buffer: { before: 0, during: 0 } });
    expect(byId.displacement!.plannedFall).toBe(-0.5);
    expect(byId.diffusion!.plantedFall.response).toBeCloseTo(74 / 147 - 1, 12);
    expect(byId.diffusion!.plantedFall.buffer).toBeCloseTo(-0.6, 12);
    expect(byId['no-effect']!.plannedFall).toBe(0);
  });
});

describe('planted taskings: the records', () => {
  it('are active taskings with options from the default lists, dated relative to the end of the data', () => {
    const tactics = new Set(DEFAULT_TACTICS.map((o) => o.id));
    const teams = new Set(DEFAULT_TEAMS.map((o) => o.id));
    for (const { fields, createdDate, createdAt, evidenceWindow } of data.taskings) {
      expect(fields).toMatchObject({ theme: null, h3Resolution: 9, polygon: null, endDate: null, status: 'active', owner: 'chair' });
      expect(fields.startDate).toBe(isoDateOfDay(START));
      for (const tactic of fields.tactics) expect(tactics.has(tactic)).toBe(true);
      expect(teams.has(fields.team)).toBe(true);
      expect(fields.plannedDosage).not.toBeNull();
      // Made at the meeting three days before the start, on the 28 days of evidence before that.
      expect(createdDate).toBe(isoDateOfDay(START - 3));
      expect(londonWallClock(new Date(createdAt))).toBe(`${createdDate}T10:00`);
      expect(evidenceWindow).toEqual({ fromDay: START - 31, toDay: START - 3 });
    }
    // On the day the data ends, two are due for review.
    const statuses = data.taskings.map((t) => effectiveStatus(t.fields.status, dayOf(t.fields.reviewDate), END_DAY));
    expect(statuses.sort()).toEqual(['active', 'active', 'review-due', 'review-due']);
  });

  it('quote the evidence window count, background included, in the problem text', () => {
    for (const t of data.taskings) {
      const cells = new Set(t.fields.cells);
      const count = data.incidents.filter((i) => {
        const day = dayOf(i.occurredAt);
        return (
          t.fields.categories.includes(i.category) && day >= t.evidenceWindow.fromDay && day < t.evidenceWindow.toDay && cells.has(cellAt(i.lng, i.lat, 9))
        );
      }).length;
      expect(t.fields.problem).toMatch(new RegExp(`(^|: )${count} `));
    }
  });

  it('have valid visits: after the start, before the end of the data, at most 8 hours, in the bands; some cut short, some days missed', () => {
    const endOfData = londonMidnight(END_DAY);
    for (const t of data.taskings) {
      const truthVisits = truth.taskings.find((p) => p.id === t.plantId)!.visits;
      expect(truthVisits).toEqual(t.visits);
      expect(t.visits.length).toBeGreaterThan(10);
      const weekHours = weekHoursOfBands(t.fields.timeBands.length > 0 ? t.fields.timeBands : [{ weekdays: null, hours: '8-20' }]);
      const visitDays = new Set<number>();
      for (const visit of t.visits) {
        const [start, end] = [Date.parse(visit.startedAt), Date.parse(visit.endedAt)];
        expect(visit.startedAt).toMatch(/Z$/);
        expect(end).toBeGreaterThan(start);
        expect(end - start).toBeLessThanOrEqual(8 * 3_600_000);
        expect(end).toBeLessThan(endOfData);
        expect(londonWallClock(new Date(start)).slice(0, 10) >= t.fields.startDate).toBe(true);
        expect(visitInsideBands(visit, weekHours)).toBe(true);
        expect(visit.officer).toMatch(/^(THEO|PC|PCSO|PS) [A-Z][a-z]+$/);
        visitDays.add(dayOf(londonWallClock(new Date(start))));
      }
      const minutes = t.visits.map(visitMinutes);
      expect(minutes.some((m) => m < 10)).toBe(true);
      expect(minutes.filter(isKoperLength).length / minutes.length).toBeGreaterThan(0.6);
      const bandedDays = Array.from({ length: END_DAY - START }, (_, k) => START + k).filter((day) =>
        weekHours.subarray(weekdayOfDay(day) * 24, weekdayOfDay(day) * 24 + 24).includes(1),
      );
      expect(visitDays.size).toBeLessThan(bandedDays.length);
      expect(visitDays.size).toBeGreaterThan(0.7 * bandedDays.length);
    }
  });
});

describe('planted taskings: generation', () => {
  it('is deterministic for a seed, and differs between seeds', () => {
    const spec = plantedTaskings(truth.startDay, END_DAY)[0]!;
    const area = plantedTaskingArea(spec.centre, demoStudyCells());
    const run = (seed: number) => {
      const pushed: unknown[] = [];
      generatePlantedIncidents(seed, Object.freeze(spec) as PlantedTaskingSpec, Object.freeze(area), (...args) => pushed.push(args));
      return pushed;
    };
    expect(run(1)).toEqual(run(1));
    expect(run(2)).not.toEqual(run(1));
    expect(run(1)).toHaveLength(spec.segments.reduce((sum, s) => sum + s.incidents, 0));
  });

  it('never plants a time London skips when the clocks go forward', () => {
    const allDay = plantedTaskings(truth.startDay, END_DAY).find((spec) => spec.timeBands.length === 0)!;
    const springForward = dayNumber(2026, 3, 29);
    const spec = { ...allDay, segments: [{ area: 'response' as const, fromDay: springForward, toDay: springForward + 1, incidents: 400 }] };
    const minutes: number[] = [];
    generatePlantedIncidents(1, spec, plantedTaskingArea(spec.centre, demoStudyCells()), (_day, minute) => minutes.push(minute));
    expect(minutes).toHaveLength(400);
    expect(minutes.filter((m) => m >= 60 && m < 120)).toEqual([]);
    expect(minutes.filter((m) => m >= 120 && m < 180).length).toBeGreaterThan(0);
  });

  it('plants nothing when the data does not cover the 42 days before the start', () => {
    expect(plantedTaskings(END_DAY - 83, END_DAY)).toEqual([]);
    expect(plantedTaskings(END_DAY - 84, END_DAY)).toHaveLength(4);
    const short = generateDemoData({ endDay: END_DAY, seed: 1, years: 0.2 });
    expect(short.taskings).toEqual([]);
    expect(short.groundTruth.taskings).toEqual([]);
  });

  it('keeps the older part of a hot spot in proportion when the data starts after it', () => {
    const clipped = plantedTaskings(END_DAY - 91, END_DAY)[0]!;
    const early = clipped.segments.find((s) => s.area === 'response' && s.toDay === START - 42)!;
    expect(early).toEqual({ area: 'response', fromDay: END_DAY - 91, toDay: START - 42, incidents: Math.round(3.5 * 7) });
  });
});
