import { booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
// Real Tower Hamlets boundaries (../shared/data, see its SOURCES.md), read through vite's ?raw
// because web/ code (tests included) may not use Node's fs.
import boroughText from '../../shared/data/boundaries/tower_hamlets_borough.geojson?raw';
import wardsText from '../../shared/data/boundaries/tower_hamlets_wards.geojson?raw';
import { labelsOfAreas } from './area-labels';
import { EMPTY_AREAS, areaLayers, boundsOfCollection, buildLocalStyle, type AreaCollection } from './map-style';

const ring = z.array(z.tuple([z.number(), z.number()]));
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring)) }),
]);
const collection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), properties: z.record(z.string(), z.unknown()), geometry })),
});

/** The real file, with properties renamed as GET /api/areas serves them (kind, code, name). */
function asServed(text: string, nameKey: string, kind: string): AreaCollection {
  const parsed = collection.parse(JSON.parse(text));
  return {
    type: 'FeatureCollection',
    features: parsed.features.map((f) => ({
      type: 'Feature',
      properties: { kind, code: String(f.properties['GSS_CODE']), name: String(f.properties[nameKey]) },
      geometry: f.geometry,
    })),
  };
}

describe('the offline map style', () => {
  const style = buildLocalStyle({ ...EMPTY_AREAS, studyArea: asServed(boroughText, 'NAME', 'study-area') });

  it('needs no network: no tiles, glyphs, sprites or URLs of any kind', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:|mapbox:|pmtiles:/);
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson');
  });

  it('uses no symbol layers (they need glyphs), and every layer has a source but the background', () => {
    const ids = new Set(Object.keys(style.sources));
    for (const layer of style.layers) {
      expect(layer.type).not.toBe('symbol');
      if (layer.type !== 'background') expect(ids.has(layer.source)).toBe(true);
    }
    expect(style.layers[0]!.type).toBe('background');
    // Outlines go on top of fills so the borough edge is never hidden by roads or water.
    expect(style.layers.at(-1)!.id).toBe('tm-study-area-outline');
  });

  it('draws only outlines on top of a remote basemap', () => {
    expect(areaLayers('remote').every((l) => l.type === 'line')).toBe(true);
  });
});

describe('bounds and labels on the real borough', () => {
  it('fits the view to the borough: same box as Turf computes, inside the extent SOURCES.md gives', () => {
    const borough = asServed(boroughText, 'NAME', 'study-area');
    const bounds = boundsOfCollection(borough);
    expect(bounds).not.toBeNull();
    const [[west, south], [east, north]] = bounds!;
    expect([west, south, east, north]).toEqual(turfBbox(borough));
    expect(west).toBeGreaterThanOrEqual(-0.0802);
    expect(east).toBeLessThanOrEqual(0.0099);
    expect(south).toBeGreaterThanOrEqual(51.4845);
    expect(north).toBeLessThanOrEqual(51.5447);
    expect(east - west).toBeGreaterThan(0.08);
    expect(boundsOfCollection(EMPTY_AREAS.studyArea)).toBeNull();
  });

  it('puts each of the 20 ward labels inside its own ward', () => {
    const wards = asServed(wardsText, 'NAME_CURRENT', 'ward');
    const labels = labelsOfAreas(wards);
    expect(labels).toHaveLength(20);
    expect(labels.map((l) => l.name)).toContain('Bethnal Green East');
    labels.forEach((label, k) => {
      const ward = wards.features[k]!;
      expect(booleanPointInPolygon(label.position, { type: 'Feature', properties: {}, geometry: ward.geometry })).toBe(true);
    });
  });
});
