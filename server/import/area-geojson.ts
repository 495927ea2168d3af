// GeoJSON → areas: the study area (one polygon; several features are unioned), named
// areas such as wards (one area per feature) and basemap layers (water, roads). Any bad
// feature refuses the whole file, so a half-imported ward set never reaches the map.
import { featureCollection } from '@turf/helpers';
import { union } from '@turf/union';
import { z } from 'zod';
import { findEdgeCrossing, type EdgePlace } from '../../geo/edge-crossings';
import type { AreaGeometry } from '../../geo/study-area';
import { fail, ok, type Result } from '../../geo/types';
import { areaGeometrySchema, STUDY_AREA_KIND } from '../areas/area-queries';
import { refused, unreadable, type FileProblem } from './read-input';

export interface ParsedArea {
  code: string;
  name: string;
  geometry: AreaGeometry;
}

export interface ParsedAreas {
  areas: ParsedArea[];
  notes: string[];
}

export const areaKindSchema = z
  .string({ error: 'an area kind is required, e.g. ward, water or road' })
  .regex(/^[a-z][a-z0-9-]{1,30}$/, { message: 'expected 2-31 lower-case letters, digits or hyphens, e.g. ward, neighbourhood, water, road' });

export interface AreaParseOptions {
  kind: string;
  nameProperty?: string;
  codeProperty?: string;
}

/**
 * Property names tried in order when none is given, covering the ONS/GLA files in
 * ../shared/data/boundaries (NAME_CURRENT for wards, lsoa21nm, LSOA11NM, ...) and the basemap files.
 * LSOA comes before MSOA: LSOA files carry their MSOA too.
 */
const NAME_CANDIDATES = [
  'name',
  'NAME',
  'Name',
  'NAME_CURRENT',
  'ward_name_current',
  'WD22NM',
  'WD24NM',
  'lsoa21nm',
  'LSOA21NM',
  'lsoa11nm',
  'LSOA11NM',
  'msoa21nm',
  'MSOA21NM',
  'msoa11nm',
  'MSOA11NM',
];
const CODE_CANDIDATES = [
  'code',
  'CODE',
  'GSS_CODE',
  'gss_code',
  'neighbourhood_id',
  'WD22CD',
  'WD24CD',
  'lsoa21cd',
  'LSOA21CD',
  'lsoa11cd',
  'LSOA11CD',
  'msoa21cd',
  'MSOA21CD',
  'msoa11cd',
  'MSOA11CD',
  'id',
  'ID',
];

const MAX_LISTED_PROBLEMS = 10;

const featureSchema = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  geometry: z.unknown(),
});
const geometryTypeSchema = z.object({ type: z.string(), coordinates: z.unknown() });

interface RawFeature {
  id: string | null;
  properties: Record<string, unknown>;
  geometry: unknown;
}

/** Fail-fast check on the first 64 KB: GeoJSON is a JSON object. */
export function checkGeoJsonHead(head: string, _complete: boolean): Result<void, FileProblem> {
  const first = head.replace(/^\uFEFF/, '').trimStart()[0];
  if (first !== '{') {
    return fail(
      unreadable('This is not GeoJSON: a GeoJSON file starts with "{". Expected a FeatureCollection of Polygon/MultiPolygon features. Nothing was stored.'),
    );
  }
  return ok(undefined);
}

function featuresOf(text: string): Result<RawFeature[], FileProblem> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(unreadable(`The file is not valid JSON (${error instanceof Error ? error.message : String(error)}). Nothing was stored.`));
  }
  const typed = z.object({ type: z.string() }).safeParse(json);
  if (!typed.success)
    return fail(refused('The JSON has no "type": expected a GeoJSON FeatureCollection, Feature, Polygon or MultiPolygon. Nothing was stored.'));
  const type = typed.data.type;
  let list: unknown[];
  if (type === 'FeatureCollection') {
    const collection = z.object({ features: z.array(z.unknown()) }).safeParse(json);
    if (!collection.success) return fail(refused('The FeatureCollection has no "features" array. Nothing was stored.'));
    list = collection.data.features;
  } else if (type === 'Feature') {
    list = [json];
  } else if (type === 'Polygon' || type === 'MultiPolygon') {
    list = [{ type: 'Feature', properties: {}, geometry: json }];
  } else {
    return fail(refused(`The GeoJSON is a ${type}; expected a FeatureCollection, Feature, Polygon or MultiPolygon. Nothing was stored.`));
  }
  if (list.length === 0) return fail(refused('The GeoJSON has no features. Nothing was stored.'));
  const features: RawFeature[] = [];
  const problems: string[] = [];
  list.forEach((item, i) => {
    const feature = featureSchema.safeParse(item);
    if (!feature.success) {
      problems.push(`feature ${i + 1} is not a GeoJSON Feature (${feature.error.issues[0]?.message ?? 'bad shape'})`);
      return;
    }
    features.push({
      id: feature.data.id === undefined ? null : String(feature.data.id),
      properties: feature.data.properties ?? {},
      geometry: feature.data.geometry,
    });
  });
  if (problems.length > 0) return fail(refused(problemsMessage(problems)));
  return ok(features);
}

function problemsMessage(problems: string[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
  const more = problems.length > MAX_LISTED_PROBLEMS ? `; and ${problems.length - MAX_LISTED_PROBLEMS} more` : '';
  return `The GeoJSON has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${listed}${more}. Nothing was stored.`;
}

function firstPosition(coordinates: unknown): unknown[] | null {
  let value = coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return Array.isArray(value) ? value : null;
}

/** Validates one feature's geometry, with messages for the usual mistakes. */
function checkGeometry(geometry: unknown, label: string): Result<AreaGeometry, string> {
  if (geometry === null || geometry === undefined) return fail(`${label} has no geometry`);
  const typed = geometryTypeSchema.safeParse(geometry);
  if (!typed.success) return fail(`${label} has a geometry without type and coordinates`);
  if (typed.data.type !== 'Polygon' && typed.data.type !== 'MultiPolygon') {
    return fail(`${label} is a ${typed.data.type}; areas must be Polygon or MultiPolygon`);
  }
  const [x, y] = firstPosition(typed.data.coordinates) ?? [];
  if (typeof x === 'number' && typeof y === 'number') {
    if (Math.abs(x) > 180 || Math.abs(y) > 90) {
      return fail(
        `${label} has coordinates such as ${x}, ${y}, which are not longitude/latitude (British National Grid metres?); ` +
          'convert the file to WGS84 (EPSG:4326) first, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson',
      );
    }
    if (Math.abs(x) >= 49 && Math.abs(x) <= 61 && Math.abs(y) <= 11) {
      return fail(`${label} has positions such as [${x}, ${y}], which look like [latitude, longitude]; GeoJSON positions are [longitude, latitude]`);
    }
  }
  const parsed = areaGeometrySchema.safeParse(geometry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(`${label}: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  const polygons = parsed.data.type === 'Polygon' ? [parsed.data.coordinates] : parsed.data.coordinates;
  for (const [p, rings] of polygons.entries()) {
    for (const [r, ring] of rings.entries()) {
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) {
        return fail(`${label}: ring ${r + 1} of polygon ${p + 1} is not closed (its first and last positions differ)`);
      }
    }
  }
  return ok(parsed.data);
}

/**
 * Why a geometry's edges cross, e.g. `feature 2 ("Bow East", code E05009317) crosses itself near
 * longitude -0.040710, latitude 51.528130: edge 3 of the outline crosses edge 7 of the outline...`;
 * null when none do (touching at a point is allowed: geo/edge-crossings.ts).
 */
function crossingProblem(geometry: AreaGeometry, label: string): string | null {
  const crossing = findEdgeCrossing(geometry);
  if (!crossing) return null;
  const multi = geometry.type === 'MultiPolygon' && geometry.coordinates.length > 1;
  const ringName = (place: EdgePlace) => `${place.ring === 0 ? 'the outline' : `hole ${place.ring}`}${multi ? ` of part ${place.polygon + 1}` : ''}`;
  const [lng, lat] = crossing.at;
  return (
    `${label} crosses itself near longitude ${lng.toFixed(6)}, latitude ${lat.toFixed(6)}: edge ${crossing.first.edge + 1} of ${ringName(crossing.first)} ` +
    `crosses edge ${crossing.second.edge + 1} of ${ringName(crossing.second)}. An area's edges must not cross, or which points are inside it is a guess; ` +
    'fix the boundary (e.g. QGIS "Fix geometries", or ogr2ogr -makevalid) and import it again'
  );
}

const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null;

/** The property every feature has a value for, from the candidates; null if none does. */
function commonProperty(features: readonly RawFeature[], candidates: readonly string[], pattern: RegExp): string | null {
  const everyHas = (key: string) => features.every((f) => textOf(f.properties[key]) !== null);
  const named = candidates.find(everyHas);
  if (named) return named;
  const keys = Object.keys(features[0]?.properties ?? {});
  return keys.find((k) => pattern.test(k) && everyHas(k)) ?? null;
}

/** `feature 3 ("Bow East")`, or with its code `feature 3 ("Bow East", code E05009317)`: 1-based, as a reader counts. */
function labelOf(feature: RawFeature, index: number, nameProperty: string | null, code: string | null = null): string {
  const name = nameProperty ? textOf(feature.properties[nameProperty]) : null;
  const details = [...(name ? [`"${name}"`] : []), ...(code ? [`code ${code}`] : [])];
  return `feature ${index + 1}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** Named areas: every feature one area, named and coded from its properties. */
export function parseAreasGeoJson(text: string, options: AreaParseOptions): Result<ParsedAreas, FileProblem> {
  const read = featuresOf(text);
  if (!read.ok) return read;
  const features = read.value;
  const notes: string[] = [];
  const problems: string[] = [];

  const propertyProblem = (key: string, what: string) => {
    const missing = features.findIndex((f) => textOf(f.properties[key]) === null);
    if (missing === -1) return null;
    const keys = Object.keys(features[missing]!.properties);
    return `feature ${missing + 1} has no "${key}" property for the ${what}; its properties are ${keys.length > 0 ? keys.map((k) => `"${k}"`).join(', ') : 'none'}`;
  };
  if (options.nameProperty) {
    const problem = propertyProblem(options.nameProperty, 'area name');
    if (problem) return fail(refused(problemsMessage([problem])));
  }
  if (options.codeProperty) {
    const problem = propertyProblem(options.codeProperty, 'area code');
    if (problem) return fail(refused(problemsMessage([problem])));
  }
  const nameProperty = options.nameProperty ?? commonProperty(features, NAME_CANDIDATES, /(name|nm)$/i);
  const codeProperty = options.codeProperty ?? commonProperty(features, CODE_CANDIDATES, /(code|cd)$/i);

  const areas: ParsedArea[] = [];
  const lineOfCode = new Map<string, number>();
  features.forEach((feature, i) => {
    const label = labelOf(feature, i, nameProperty);
    const geometry = checkGeometry(feature.geometry, label);
    if (!geometry.ok) {
      problems.push(geometry.reason);
      return;
    }
    const name = (nameProperty ? textOf(feature.properties[nameProperty]) : null) ?? `${options.kind} ${i + 1}`;
    const fileCode = (codeProperty ? textOf(feature.properties[codeProperty]) : null) ?? feature.id;
    const code = fileCode ?? `${options.kind}-${i + 1}`;
    const crossing = crossingProblem(geometry.value, labelOf(feature, i, nameProperty, fileCode));
    if (crossing) {
      problems.push(crossing);
      return;
    }
    const earlier = lineOfCode.get(code);
    if (earlier !== undefined) {
      problems.push(`features ${earlier + 1} and ${i + 1} share the code "${code}"; choose a property whose values are unique (--code-property)`);
      return;
    }
    lineOfCode.set(code, i);
    areas.push({ code, name, geometry: geometry.value });
  });
  if (problems.length > 0) return fail(refused(problemsMessage(problems)));
  notes.push(
    nameProperty
      ? `Names from the "${nameProperty}" property${codeProperty ? `, codes from "${codeProperty}"` : ', codes numbered (no code property found; use --code-property)'}.`
      : `No name property found on every feature, so the areas are numbered "${options.kind} 1", "${options.kind} 2", ...; use --name-property.`,
  );
  return ok({ areas, notes });
}

/** The study area: one polygon; several features are unioned into one (Multi)Polygon. */
export function parseStudyAreaGeoJson(text: string, options: Omit<AreaParseOptions, 'kind'> = {}): Result<ParsedAreas, FileProblem> {
  const named = parseAreasGeoJson(text, { ...options, kind: STUDY_AREA_KIND });
  if (!named.ok) return named;
  const { areas } = named.value;
  if (areas.length === 1) {
    const only = areas[0]!;
    const code = only.code === `${STUDY_AREA_KIND}-1` ? STUDY_AREA_KIND : only.code;
    const name = only.name === `${STUDY_AREA_KIND} 1` ? 'Study area' : only.name;
    return ok({ areas: [{ code, name, geometry: only.geometry }], notes: [] });
  }
  const merged = union(featureCollection(areas.map((a) => ({ type: 'Feature' as const, properties: {}, geometry: a.geometry }))));
  if (!merged) return fail(refused('The features do not union into a polygon. Nothing was stored.'));
  const names = [...new Set(areas.map((a) => a.name))];
  return ok({
    areas: [
      {
        code: STUDY_AREA_KIND,
        name: names.length <= 5 ? names.join(' + ') : `${areas.length} areas`,
        geometry: merged.geometry,
      },
    ],
    notes: [`Unioned ${areas.length} features into one study area (${merged.geometry.type}).`],
  });
}
