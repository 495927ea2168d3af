import { area, booleanPointInPolygon, featureCollection, feature, intersect, kinks, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { createAreaTest } from '../study-area';
import { buildDemoWards, DEMO_BBOX, DEMO_STUDY_AREA, DEMO_WARD_CENTRES, insideDemoArea, metresToDemoBoundary } from './demo-area';

describe('demo study area', () => {
  it('is a simple polygon of borough size in the Tower Hamlets window', () => {
    const outline = polygon(DEMO_STUDY_AREA.coordinates);
    expect(kinks(outline).features).toHaveLength(0);
    const km2 = area(outline) / 1e6;
    expect(km2).toBeGreaterThan(17);
    expect(km2).toBeLessThan(23); // the real borough is about 19.8 km²
    const [west, south, east, north] = DEMO_BBOX;
    expect(west).toBeGreaterThanOrEqual(-0.08);
    expect(east).toBeLessThanOrEqual(0.01);
    expect(south).toBeGreaterThanOrEqual(51.485);
    expect(north).toBeLessThanOrEqual(51.545);
    const ring = DEMO_STUDY_AREA.coordinates[0]!;
    expect(ring.length).toBeGreaterThanOrEqual(30);
    expect(ring.length).toBeLessThanOrEqual(61);
    expect(ring[0]).toEqual(ring.at(-1));
  });

  it('has a point-in-polygon test that agrees with the project study-area test', () => {
    const areaTest = createAreaTest(DEMO_STUDY_AREA);
    const [west, south, east, north] = DEMO_BBOX;
    let inside = 0;
    for (let i = 0; i <= 120; i++) {
      for (let j = 0; j <= 120; j++) {
        const lng = west + ((east - west) * (i + 0.37)) / 121;
        const lat = south + ((north - south) * (j + 0.61)) / 121;
        const expected = areaTest.contains(lng, lat);
        expect(insideDemoArea(lng, lat)).toBe(expected);
        if (expected) inside += 1;
      }
    }
    expect(inside).toBeGreaterThan(5_000); // the test is not vacuous
  });

  it('measures distance to the boundary in metres', () => {
    // Tower Bridge corner vertex: distance 0; a point ~1 km inside: about that far.
    expect(metresToDemoBoundary(-0.0775, 51.5077)).toBeLessThan(1);
    expect(metresToDemoBoundary(-0.035, 51.524)).toBeGreaterThan(800);
  });
});

describe('demo wards', () => {
  const wards = buildDemoWards();
  const outline = polygon(DEMO_STUDY_AREA.coordinates);

  it('are the twelve named areas, each containing its own centre', () => {
    expect(wards.map((w) => w.name)).toEqual(DEMO_WARD_CENTRES.map((c) => c.name));
    expect(new Set(wards.map((w) => w.code)).size).toBe(12);
    for (const ward of wards) {
      expect(ward.code).toMatch(/^demo-[a-z0-9-]+$/);
      expect(booleanPointInPolygon(ward.centre, ward.geometry)).toBe(true);
    }
  });

  it('tile the demo area: no overlaps, no gaps', () => {
    const total = wards.reduce((sum, w) => sum + area(w.geometry), 0);
    expect(Math.abs(total - area(outline)) / area(outline)).toBeLessThan(0.001);
    for (let i = 0; i < wards.length; i++) {
      for (let j = i + 1; j < wards.length; j++) {
        const overlap = intersect(featureCollection([feature(wards[i]!.geometry), feature(wards[j]!.geometry)]));
        expect(overlap ? area(overlap) : 0).toBeLessThan(10); // square metres: shared edges only
      }
    }
  });

  it('come out the same every time', () => {
    expect(JSON.stringify(buildDemoWards())).toBe(JSON.stringify(wards));
  });
});
