import { describe, expect, it } from 'vitest';
import { insideDemoArea } from './demo-area';
import { BLIND_CLEARANCE_METERS, BLIND_PATTERNS, demoCamerasCsv, generateDemoCameras } from './demo-cameras';
import { metresBetween } from './demo-population';
import { plantedPatterns } from './planted-patterns';
import { dayNumber } from '../time';

const cameras = generateDemoCameras(1, 2026);
const count = (keep: (c: (typeof cameras)[number]) => boolean) => cameras.filter(keep).length;

describe('the demo CCTV network', () => {
  it('has about 380 cameras of every type, inside the demo borough, a few faulty or removed', () => {
    expect(cameras.length).toBe(380);
    expect(new Set(cameras.map((c) => c.id)).size).toBe(cameras.length);
    for (const c of cameras) expect(insideDemoArea(c.position[0], c.position[1]), c.id).toBe(true);
    expect(count((c) => c.type === 'redeployable')).toBe(6);
    expect(count((c) => c.type === 'anpr')).toBe(12);
    expect(count((c) => c.type === 'ptz')).toBeGreaterThan(50);
    const faulty = count((c) => c.status === 'faulty') / cameras.length;
    expect(faulty).toBeGreaterThan(0.03);
    expect(faulty).toBeLessThan(0.12);
    expect(count((c) => c.status === 'removed')).toBeGreaterThan(0);
    // Some values left blank, as an asset list leaves them: the importer's defaults fill them.
    expect(count((c) => c.type === 'fixed' && c.rangeMeters === null)).toBeGreaterThan(10);
  });

  it('is denser in the town centres than on the estates', () => {
    const within = (centre: [number, number], metres: number) => count((c) => metresBetween(c.position, centre) < metres);
    // Whitechapel's high street against a quiet corner of the same size.
    expect(within([-0.0605, 51.5175], 300)).toBeGreaterThan(4 * Math.max(1, within([-0.066, 51.5055], 300)));
  });

  it('leaves the planted blind hot spots without a camera, and they are planted patterns', () => {
    const specs = plantedPatterns(dayNumber(2024, 6, 1), dayNumber(2026, 6, 1));
    for (const blind of BLIND_PATTERNS) {
      const spec = specs.find((p) => p.id === blind.patternId);
      expect(spec?.centre, blind.patternId).toEqual(blind.centre);
      // Its categories are the pattern's own, searches apart (they are not incidents).
      expect(blind.categories).toEqual(spec!.categories.map((c) => c.slug).filter((slug) => slug !== 'drugs-stop-search'));
      const nearest = Math.min(...cameras.map((c) => metresBetween(c.position, blind.centre)));
      expect(nearest, blind.label).toBeGreaterThanOrEqual(BLIND_CLEARANCE_METERS);
    }
  });

  it('is the same for the same seed and different for another', () => {
    expect(generateDemoCameras(1, 2026)).toEqual(cameras);
    expect(generateDemoCameras(2, 2026)).not.toEqual(cameras);
  });

  it('writes the importer CSV, blank where a value is unknown', () => {
    const lines = demoCamerasCsv(cameras).trim().split('\n');
    expect(lines[0]).toBe('id,type,lng,lat,bearing,fieldOfView,rangeMeters,status,installedOn,name');
    expect(lines).toHaveLength(cameras.length + 1);
    const ptz = cameras.findIndex((c) => c.type === 'ptz' && c.bearing === null);
    expect(lines[ptz + 1]!.split(',')[4]).toBe('');
    // A name with a comma is quoted.
    const redeployable = cameras.findIndex((c) => c.type === 'redeployable');
    expect(lines[redeployable + 1]).toMatch(/,"Redeployable, [A-Za-z ]+"$/);
  });
});
