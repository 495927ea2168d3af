import { area as turfArea, booleanPointInPolygon } from '@turf/turf';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkGeoJsonHead, parseAreasGeoJson, parseStudyAreaGeoJson } from './area-geojson';

const SHARED_DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/data');
const readShared = (path: string) => readFileSync(resolve(SHARED_DATA, path), 'utf8');

const square = (x: number, y: number, size = 0.01) => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
];
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });

function areasOf(text: string, kind: string, options = {}) {
  const parsed = parseAreasGeoJson(text, { kind, ...options });
  if (!parsed.ok) throw new Error(parsed.reason.message);
  return parsed.value;
}

describe('parseAreasGeoJson on the real boundary files', () => {
  it.each([
    ['boundaries/tower_hamlets_wards.geojson', 20, 'NAME_CURRENT', 'GSS_CODE', 'E05009317', 'Bethnal Green East'],
    ['boundaries/tower_hamlets_police_neighbourhoods_2025-02.geojson', 20, 'ward_name_current', 'neighbourhood_id', 'E05009317', 'Bethnal Green East'],
    ['boundaries/tower_hamlets_lsoa2021.geojson', 169, 'lsoa21nm', 'lsoa21cd', 'E01004198', 'Tower Hamlets 002B'],
    ['boundaries/tower_hamlets_lsoa2011.geojson', 144, 'LSOA11NM', 'LSOA11CD', 'E01004197', 'Tower Hamlets 002A'],
    ['boundaries/tower_hamlets_msoa2011.geojson', 32, 'MSOA11NM', 'MSOA11CD', 'E02000864', 'Tower Hamlets 001'],
    ['boundaries/london_boroughs.geojson', 33, 'NAME', 'GSS_CODE', 'E09000021', 'Kingston upon Thames'],
  ])('%s: %i areas named from %s, coded from %s', (path, count, nameProperty, codeProperty, firstCode, firstName) => {
    const { areas, notes } = areasOf(readShared(path), 'test');
    expect(areas).toHaveLength(count);
    expect(areas[0]).toMatchObject({ code: firstCode, name: firstName });
    expect(notes).toEqual([`Names from the "${nameProperty}" property, codes from "${codeProperty}".`]);
  });

  it('reads the basemap layers, numbering codes when a file has none', () => {
    const water = areasOf(readShared('basemap/thames_tidal_water_tower_hamlets_area.geojson'), 'water');
    expect(water.areas.map((a) => [a.code, a.name, a.geometry.type])).toEqual([
      ['water-1', 'River Thames (tidal, below mean high water) - derived', 'MultiPolygon'],
    ]);
    const roads = areasOf(readShared('basemap/tfl_road_network_tlrn_tower_hamlets_area.geojson'), 'road');
    expect(roads.areas).toHaveLength(1);
    expect(roads.areas[0]!.geometry.type).toBe('MultiPolygon');
  });

  it('takes the name and code properties it is told to', () => {
    const { areas } = areasOf(readShared('boundaries/tower_hamlets_wards.geojson'), 'ward', { nameProperty: 'NAME_2014', codeProperty: 'GSS_CODE' });
    expect(areas[0]).toMatchObject({ code: 'E05009317', name: 'Bethnal Green' });
  });
});

describe('parseStudyAreaGeoJson', () => {
  it('keeps a one-feature borough as it is', () => {
    const parsed = parseStudyAreaGeoJson(readShared('boundaries/tower_hamlets_borough.geojson'));
    expect(parsed.ok && parsed.value.areas.map((a) => [a.code, a.name, a.geometry.type])).toEqual([['E09000030', 'Tower Hamlets', 'Polygon']]);
  });

  it('unions several features into one area covering all of them', () => {
    const borough = parseStudyAreaGeoJson(readShared('boundaries/tower_hamlets_borough.geojson'));
    const wards = parseStudyAreaGeoJson(readShared('boundaries/tower_hamlets_wards.geojson'));
    if (!borough.ok || !wards.ok) throw new Error('expected both files to parse');
    expect(wards.value.areas).toHaveLength(1);
    const merged = wards.value.areas[0]!;
    expect(merged.code).toBe('study-area');
    expect(wards.value.notes[0]).toMatch(/^Unioned 20 features into one study area/);
    // The wards tile the borough without overlaps, so the union keeps their summed area; they
    // reach mid-river while the borough file stops at mean high water (NONLD_AREA 180 of 2158 ha).
    const wardSquareMetres = areasOf(readShared('boundaries/tower_hamlets_wards.geojson'), 'ward').areas.reduce((sum, a) => sum + turfArea(a.geometry), 0);
    expect(Math.abs(turfArea(merged.geometry) - wardSquareMetres) / wardSquareMetres).toBeLessThan(0.005);
    const boroughSquareMetres = turfArea(borough.value.areas[0]!.geometry);
    expect(turfArea(merged.geometry) / boroughSquareMetres).toBeGreaterThan(1.05);
    expect(turfArea(merged.geometry) / boroughSquareMetres).toBeLessThan(1.12);
    expect(booleanPointInPolygon([-0.0597, 51.5194], merged.geometry)).toBe(true); // Whitechapel
  });
});

describe('bad GeoJSON', () => {
  const refusal = (text: string, kind = 'ward', options = {}) => {
    const parsed = parseAreasGeoJson(text, { kind, ...options });
    if (parsed.ok) throw new Error('expected a refusal');
    return parsed.reason.message;
  };

  it('says what is wrong, feature by feature, and stores nothing', () => {
    expect(refusal('{"type": "FeatureCollection", "features": [')).toMatch(/^The file is not valid JSON/);
    expect(refusal(collection([]))).toBe('The GeoJSON has no features. Nothing was stored.');
    expect(refusal(JSON.stringify({ type: 'Point', coordinates: [0, 51] }))).toMatch(/^The GeoJSON is a Point; expected a FeatureCollection/);
    expect(refusal(collection([feature({ name: 'A' }, { type: 'Point', coordinates: [-0.05, 51.5] })]))).toBe(
      'The GeoJSON has a problem: feature 1 ("A") is a Point; areas must be Polygon or MultiPolygon. Nothing was stored.',
    );
    expect(refusal(collection([feature({ name: 'A' }, { type: 'Polygon', coordinates: square(535000, 181000, 100) })]))).toMatch(
      /feature 1 \("A"\) has coordinates such as 535000, 181000, which are not longitude\/latitude \(British National Grid metres\?\)/,
    );
    expect(refusal(collection([feature({ name: 'A' }, { type: 'Polygon', coordinates: square(51.5, -0.05) })]))).toMatch(/look like \[latitude, longitude\]/);
    const open = square(-0.05, 51.5);
    open[0]!.push([-0.04, 51.52]);
    expect(refusal(collection([feature({ name: 'A' }, { type: 'Polygon', coordinates: open })]))).toMatch(/ring 1 of polygon 1 is not closed/);
    expect(
      refusal(
        collection([
          feature(
            { name: 'A' },
            {
              type: 'Polygon',
              coordinates: [
                [
                  [-0.05, 51.5],
                  [-0.04, 51.5],
                  [-0.05, 51.5],
                ],
              ],
            },
          ),
        ]),
      ),
    ).toMatch(/a polygon ring needs at least 4 positions/);
    expect(refusal(collection([feature({ name: 'A' }, null)]))).toMatch(/feature 1 \("A"\) has no geometry/);
  });

  it('refuses codes that repeat and properties that are missing', () => {
    const twice = collection([
      feature({ name: 'A', code: 'X' }, { type: 'Polygon', coordinates: square(-0.05, 51.5) }),
      feature({ name: 'B', code: 'X' }, { type: 'Polygon', coordinates: square(-0.03, 51.5) }),
    ]);
    expect(refusal(twice)).toMatch(/features 1 and 2 share the code "X"/);
    expect(refusal(twice, 'ward', { nameProperty: 'WARD' })).toMatch(/feature 1 has no "WARD" property for the area name; its properties are "name", "code"/);
  });

  it('refuses an area whose edges cross: the feature, its name and code, where, and what to do', () => {
    const bowTie = [
      [
        [-0.05, 51.5],
        [-0.04, 51.51],
        [-0.04, 51.5],
        [-0.05, 51.51],
        [-0.05, 51.5],
      ],
    ];
    const wards = collection([
      feature({ name: 'Fine', code: 'E1' }, { type: 'Polygon', coordinates: square(-0.07, 51.5) }),
      feature({ name: 'Bow Tie', code: 'E2' }, { type: 'Polygon', coordinates: bowTie }),
    ]);
    expect(refusal(wards)).toBe(
      'The GeoJSON has a problem: feature 2 ("Bow Tie", code E2) crosses itself near longitude -0.045000, latitude 51.505000: ' +
        "edge 1 of the outline crosses edge 3 of the outline. An area's edges must not cross, or which points are inside it is a guess; " +
        'fix the boundary (e.g. QGIS "Fix geometries", or ogr2ogr -makevalid) and import it again. Nothing was stored.',
    );
    // A hole of the second part that pokes out through that part's outline; no name property, so the code alone.
    const holed = square(-0.03, 51.5, 0.02);
    holed.push(square(-0.015, 51.505, 0.01)[0]!.reverse());
    const multi = collection([feature({ code: 'E3' }, { type: 'MultiPolygon', coordinates: [square(-0.07, 51.5), holed] })]);
    expect(refusal(multi)).toMatch(
      /^The GeoJSON has a problem: feature 1 \(code E3\) crosses itself near longitude -0\.010000, latitude 51\.515000: edge 2 of the outline of part 2 crosses edge 2 of hole 1 of part 2\./,
    );
    // The study area is checked feature by feature, before the union.
    const study = parseStudyAreaGeoJson(wards);
    expect(!study.ok && study.reason.message).toMatch(/feature 2 \("Bow Tie", code E2\) crosses itself/);
  });

  it('refuses a file that does not start like JSON before reading it all', () => {
    expect(checkGeoJsonHead('\uFEFF  {"type":', false).ok).toBe(true);
    expect(checkGeoJsonHead('Month,Longitude', false).ok).toBe(false);
  });
});
