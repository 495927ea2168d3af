// Robbery near schools against the demo data's planted ground truth (issue 11, "Must show"): the
// planted after-school robbery clusters stand out near their schools with the after-school band
// on school days, and fade without it.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_SEED, generateDemoData } from '../../geo/demo/generate-demo-data';
import { dayNumber } from '../../geo/time';
import { demoApp } from './test-support';

const NOW = new Date('2026-06-01T12:00:00Z');
const END_DAY = dayNumber(2026, 6, 1);
// Four weeks of the summer term, between the Easter holiday and May half term.
const WINDOW = 'from=2026-04-20&to=2026-05-18';

interface SchoolsBody {
  meta: {
    label: string;
    mode: string;
    hours: string;
    schoolDays: string;
    calendar: { assumed: boolean; years: { schoolYear: string; source: string }[] };
    caveats: string[];
  };
  schools: {
    urn: string;
    name: string;
    count: number;
    countNonSchoolDays: number | null;
    countOtherHours: number | null;
    previousPeriodCount: number;
    change: number;
    aboveBoroughRate: { expected: number; pAdjusted: number; standsOut: boolean } | null;
  }[];
  cells: { cell: string; count: number }[];
}

describe('robbery near schools on the demo data', () => {
  let get: ReturnType<typeof demoApp>['get'];
  let planted: Set<string>;
  beforeAll(() => {
    ({ get } = demoApp(NOW));
    const truth = generateDemoData({ endDay: END_DAY, seed: DEFAULT_DEMO_SEED }).groundTruth;
    planted = new Set(truth.patterns.filter((p) => p.kind === 'robbery-near-school').map((p) => p.id.replace('robbery-school-', '')));
  });

  it('with 15:00-18:00 on school days (the default), exactly the planted schools stand out, and mostly not on other days or hours', async () => {
    const body = await get<SchoolsBody>(`/api/themes/schools-robbery?${WINDOW}`);
    expect(body.meta).toMatchObject({ mode: 'band', label: 'Robbery near schools, 15:00-18:00 on school days', hours: '15-18', schoolDays: 'only' });
    expect(planted.size).toBe(3);
    const standing = body.schools.filter((s) => s.aboveBoroughRate?.standsOut).map((s) => s.urn);
    expect(new Set(standing)).toEqual(planted);
    expect(new Set(body.schools.slice(0, 3).map((s) => s.urn))).toEqual(planted);
    for (const school of body.schools.filter((s) => planted.has(s.urn))) {
      expect(school.count).toBeGreaterThan(3 * (school.countNonSchoolDays ?? 0));
      expect(school.count).toBeGreaterThan(2 * (school.countOtherHours ?? 0));
    }
  });

  it('without the band the planted schools fade: their lead over the borough average shrinks', async () => {
    const banded = await get<SchoolsBody>(`/api/themes/schools-robbery?${WINDOW}`);
    const any = await get<SchoolsBody>(`/api/themes/schools-robbery?${WINDOW}&hours=any&schoolDays=any`);
    expect(any.meta.label).toBe('Robbery near schools');
    const lead = (body: SchoolsBody, urn: string) => {
      const school = body.schools.find((s) => s.urn === urn)!;
      return school.count / Math.max(0.01, school.aboveBoroughRate!.expected);
    };
    for (const urn of planted) expect(lead(any, urn)).toBeLessThan(lead(banded, urn) * 0.75);
  });

  it('ranks by the asked count, gives the period before and says the calendar and the caveats', async () => {
    const body = await get<SchoolsBody>(`/api/themes/schools-robbery?${WINDOW}`);
    const counts = body.schools.map((s) => s.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const s of body.schools) expect(s.change).toBe(s.count - s.previousPeriodCount);
    // The demo stores its own term dates for the years its data covers; later years stay the assumed default.
    expect(body.meta.calendar.years).toContainEqual(expect.objectContaining({ schoolYear: '2025-26', source: 'imported' }));
    expect(body.meta.caveats.join(' ')).toMatch(/known only to the month/);
    expect(body.cells.length).toBeGreaterThan(0);
  });
});
