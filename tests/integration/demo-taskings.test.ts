// The taskings planted in the demo data, read back through GET /api/taskings/:id/results
// (issue 8, "Demo data"): the results recover the planted sign of displacement and diffusion,
// and the response area's fall within 10% of the planted fall, on the data the app loads
// by itself into an empty database.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_SEED, generateDemoData } from '../../geo/demo/generate-demo-data';
import type { PlantedTaskingTruth } from '../../geo/demo/ground-truth';
import { dayNumber } from '../../geo/time';
import { demoApp } from './test-support';

const NOW = new Date('2026-06-01T12:00:00Z');
const END_DAY = dayNumber(2026, 6, 1);

interface Summary {
  id: number;
  title: string;
  status: string;
  startDate: string;
  reviewDate: string;
  cells: string[];
}
interface Results {
  categories: string[];
  areas: { response: { cells: number }; buffer: { cells: number; rings: number } };
  periods: { unit: string; before: { from: string; to: string; days: number }; during: { from: string; to: string; days: number } } | null;
  counts: { response: { before: number; during: number }; buffer: { before: number; during: number }; control: { before: number; during: number } };
  changes: { response: number | null; buffer: number | null; control: number | null };
  wdq: number | null;
  wdqReading: { code: string | null; text: string };
  res: { value: number | null; low: number | null; high: number | null };
  verdict: { code: string; text: string };
  timeBands: { applied: boolean };
  dosage: { deliveredVisits: number; koperShare: number | null; plannedVisits: number | null };
}

describe('the demo data plants taskings whose results are known', () => {
  let planted: PlantedTaskingTruth[];
  let taskings: Summary[];
  const results = new Map<string, Results>();
  let get: <T>(path: string) => Promise<T>;

  beforeAll(async () => {
    const demo = demoApp(NOW);
    expect(demo.loaded).toMatchObject({ taskings: 4 });
    get = demo.get;
    planted = generateDemoData({ endDay: END_DAY, seed: DEFAULT_DEMO_SEED }).groundTruth.taskings;
    taskings = (await get<{ taskings: Summary[] }>('/api/taskings')).taskings;
    for (const p of planted) {
      const tasking = taskings.find((t) => t.title === p.title)!;
      results.set(p.effect, await get<Results>(`/api/taskings/${tasking.id}/results`));
    }
    // The measured figures, for docs/demo-data.md.
    console.table(
      planted.map((p) => {
        const r = results.get(p.effect)!;
        return {
          effect: p.effect,
          response: `${r.counts.response.before} -> ${r.counts.response.during}`,
          buffer: `${r.counts.buffer.before} -> ${r.counts.buffer.during}`,
          control: `${r.counts.control.before} -> ${r.counts.control.during}`,
          fall: r.changes.response?.toFixed(3),
          wdq: r.wdq?.toFixed(2),
          res: r.res.value === null ? null : `${r.res.value.toFixed(2)} (${r.res.low!.toFixed(2)}-${r.res.high!.toFixed(2)})`,
          verdict: r.verdict.code,
          reading: r.wdqReading.code,
        };
      }),
    );
  });

  it('lists the four taskings, two of them due for review', () => {
    expect(taskings).toHaveLength(4);
    expect(taskings.map((t) => t.title).sort()).toEqual(planted.map((p) => p.title).sort());
    expect(taskings.filter((t) => t.status === 'review-due')).toHaveLength(2);
    expect(taskings.filter((t) => t.status === 'active')).toHaveLength(2);
    for (const p of planted) {
      const t = taskings.find((s) => s.title === p.title)!;
      expect(t).toMatchObject({ startDate: p.startDate, reviewDate: p.reviewDate, cells: p.responseCells });
    }
  });

  it('compares the 42 days since the start with the 42 before, in the time bands, over the planted areas', () => {
    for (const p of planted) {
      const r = results.get(p.effect)!;
      expect(r.periods).toMatchObject({
        unit: 'days',
        before: { from: p.periods.before.from, to: p.periods.before.to, days: 42 },
        during: { from: p.periods.during.from, to: p.periods.during.to, days: 42 },
      });
      expect(r.areas).toMatchObject({ response: { cells: p.responseCells.length }, buffer: { cells: p.bufferCells.length, rings: 1 } });
      expect(r.timeBands.applied).toBe(p.timeBands.length > 0);
      // The background only adds to what was planted.
      expect(r.counts.response.before).toBeGreaterThanOrEqual(p.plantedCounts.response.before);
      expect(r.counts.response.during).toBeGreaterThanOrEqual(p.plantedCounts.response.during);
      expect(r.counts.buffer.before).toBeGreaterThanOrEqual(p.plantedCounts.buffer.before);
      expect(r.counts.buffer.during).toBeGreaterThanOrEqual(p.plantedCounts.buffer.during);
    }
  });

  it('recovers displacement: the response area halves, the buffer rises (WDQ < 0)', () => {
    const p = planted.find((t) => t.effect === 'displacement')!;
    const r = results.get('displacement')!;
    expect(r.wdq).toBeLessThan(0);
    expect(r.wdqReading.code).toBe('displacement');
    expect(r.verdict.code).toBe('improved');
    expect(Math.abs(r.changes.response! - p.plannedFall)).toBeLessThanOrEqual(0.1 * Math.abs(p.plannedFall));
  });

  it('recovers a diffusion of benefits: the response area halves and the buffer falls too (WDQ > 0)', () => {
    const p = planted.find((t) => t.effect === 'diffusion')!;
    const r = results.get('diffusion')!;
    expect(r.wdq).toBeGreaterThan(0);
    expect(r.wdqReading.code).toBe('diffusion');
    expect(r.verdict.code).toBe('improved');
    expect(Math.abs(r.changes.response! - p.plannedFall)).toBeLessThanOrEqual(0.1 * Math.abs(p.plannedFall));
    expect(r.changes.buffer).toBeLessThan(-0.4);
  });

  it('finds no clear change where nothing changed, and neither displacement nor diffusion', () => {
    const r = results.get('no-effect')!;
    expect(r.verdict.code).toBe('no-clear-change');
    expect(['no-effect', null]).toContain(r.wdqReading.code);
    expect(Math.abs(r.changes.response!)).toBeLessThan(0.1);
  });

  it('declines to judge the tasking with too few incidents', () => {
    const r = results.get('too-few')!;
    expect(r.verdict.code).toBe('too-few');
    expect(r.counts.response.before).toBeLessThan(10);
  });

  it('counts the planted visits as delivered dosage, some of them shorter than Koper suggests', () => {
    for (const p of planted) {
      const { dosage } = results.get(p.effect)!;
      expect(dosage.deliveredVisits).toBe(p.visits.length);
      expect(dosage.koperShare).toBeGreaterThan(0.5);
      expect(dosage.koperShare).toBeLessThan(1);
      expect(dosage.plannedVisits).toBeGreaterThan(dosage.deliveredVisits);
    }
  });

  it("keeps each tasking's evidence as the data stood at the meeting, made by the demo generator", async () => {
    for (const p of planted) {
      const t = taskings.find((s) => s.title === p.title)!;
      const { tasking } = await get<{
        tasking: { evidence: { window: { from: string; to: string }; total: number; hotCells: number }; createdBy: string; problem: string };
      }>(`/api/taskings/${t.id}`);
      expect(tasking.createdBy).toBe('demo:generator');
      expect(tasking.evidence.window).toMatchObject({ from: p.evidenceWindow.from, to: p.evidenceWindow.to });
      expect(tasking.problem).toContain(`${tasking.evidence.total} `);
      // The active hot spots are Gi* hot at the meeting; the weapons spike is a handful.
      if (p.effect !== 'too-few') expect(tasking.evidence.hotCells).toBeGreaterThanOrEqual(2);
      const { events } = await get<{ events: { action: string; user: { id: string } }[] }>(`/api/taskings/${t.id}/history`);
      expect(events[0]).toMatchObject({ action: 'create', user: { id: 'demo:generator' } });
      expect(events.filter((e) => e.action === 'visit')).toHaveLength(p.visits.length);
    }
  });
});
