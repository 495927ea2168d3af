// The drug-market layer against the demo data's planted ground truth (issue 11, "Must show"):
// the planted persistent drug markets are classed persistent, and nowhere is classed
// persistent far from a planted drug market.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_SEED, generateDemoData } from '../../geo/demo/generate-demo-data';
import type { DemoGroundTruth } from '../../geo/demo/ground-truth';
import { cellsWithinDistance } from '../../geo/h3';
import { dayNumber, isoDateOfDay } from '../../geo/time';
import { demoApp } from './test-support';

const NOW = new Date('2026-06-01T12:00:00Z');
const END_DAY = dayNumber(2026, 6, 1);

interface DrugMarketsBody {
  meta: { windows: { from: string; to: string }[]; components: { id: string; weight: number }[]; caveats: string[]; notes: string[] };
  summary: { hotCells: number; persistent: number; new: number; fading: number };
  hotspots: { id: number; cells: string[]; persistence: string | null; searches: number; positiveOutcome: { measure: string; rate: number | null } }[];
  cells: { cell: string; index: number; bin: number; persistence: string | null; components: Record<string, number> }[];
}

describe('the drug-market layer on the demo data', () => {
  let truth: DemoGroundTruth;
  let body: DrugMarketsBody;
  let getAny: ReturnType<typeof demoApp>['getAny'];
  beforeAll(async () => {
    const app = demoApp(NOW);
    getAny = app.getAny;
    truth = generateDemoData({ endDay: END_DAY, seed: DEFAULT_DEMO_SEED }).groundTruth;
    body = await app.get<DrugMarketsBody>(`/api/themes/drug-markets?from=${isoDateOfDay(END_DAY - 28)}&to=${isoDateOfDay(END_DAY)}&resolution=9`);
  });

  it('classes every planted persistent drug market persistent, over six 28-day windows', () => {
    expect(body.meta.windows).toHaveLength(6);
    const markets = truth.patterns.filter((p) => p.kind === 'drug-market');
    expect(markets.length).toBeGreaterThanOrEqual(3);
    const persistent = new Set(body.cells.filter((c) => c.persistence === 'persistent').map((c) => c.cell));
    for (const market of markets) {
      const busiest = market.cells.r9[0]!;
      expect(persistent.has(busiest), `${market.label}: ${busiest}`).toBe(true);
    }
  });

  it('classes nothing persistent away from the planted drug markets', () => {
    const near = new Set(
      truth.patterns
        .filter((p) => p.kind === 'drug-market' || p.categories.some((c) => c === 'drugs' || c === 'drug-related-asb'))
        .flatMap((p) => p.cells.r9.flatMap((cell) => cellsWithinDistance(cell, 1))),
    );
    const strays = body.cells.filter((c) => c.persistence === 'persistent' && !near.has(c.cell));
    expect(strays).toEqual([]);
  });

  it('says what the index is made of and that searches measure police activity', () => {
    expect(body.meta.components.map((c) => c.id)).toEqual(['drug-offences', 'drug-asb', 'drug-searches-found']);
    expect(body.meta.caveats.join(' ')).toMatch(/police activity/);
    // The demo's drug searches are stop-and-search records: they feed the index and the hotspots' rates.
    expect(body.meta.notes.join(' ')).not.toMatch(/No drug searches/);
    const found = body.cells.reduce((sum, c) => sum + (c.components['drug-searches-found'] ?? 0), 0);
    expect(found).toBeGreaterThan(0);
    const searched = body.hotspots.filter((h) => h.searches > 0);
    expect(searched.length).toBeGreaterThan(0);
    for (const h of searched) expect(h.positiveOutcome.measure).toBe('outcome-other-than-no-further-action');
  });

  it('refuses a window longer than three months and an unknown part in the weights, naming what to send', async () => {
    const long = await getAny<{ error: { message: string } }>(`/api/themes/drug-markets?from=2025-01-01&to=2026-01-01`);
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toMatch(/at most 92 days/);
    const weights = await getAny<{ error: { message: string } }>(`/api/themes/drug-markets?from=2026-05-04&to=2026-06-01&weights=heroin:2`);
    expect(weights.status).toBe(400);
    expect(JSON.stringify(weights.body)).toMatch(/drug-offences, drug-asb, drug-searches-found/);
  });
});
