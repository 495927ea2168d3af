import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre } from '../../geo/h3';
import type { LngLat } from '../../geo/types';
import { camerasOnMap, cctvLayerDataOf, cctvSummaryOf } from './cctv-data';
import {
  BLIND_EDGE,
  CCTV_LAYER_IDS,
  COVERAGE_CLASSES,
  cctvLayers,
  coverageClass,
  coverageFill,
  HOT_EDGE,
  pickedBlind,
  STATUS_COLOURS,
  type CameraOnMap,
  type CctvLayerData,
} from './cctv-layers';

function layerById(layers: Layer[], id: string): Layer {
  const layer = layers.find((l) => l.id === id);
  if (!layer) throw new Error(`no layer ${id}; have ${layers.map((l) => l.id).join(', ')}`);
  return layer;
}

function accessor<T>(layer: Layer, name: string, datum: T): unknown {
  const value: unknown = (layer.props as Record<string, unknown>)[name];
  return typeof value === 'function' ? value(datum, { index: 0, data: [], target: [] }) : value;
}

/** Metres between two [lng, lat] points (haversine), worked out here rather than through the app's geometry. */
function metresBetween([lng1, lat1]: readonly number[], [lng2, lat2]: readonly number[]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2! - lat1!) * rad) / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(((lng2! - lng1!) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

const WHITECHAPEL: LngLat = [-0.0605, 51.5175];
const ISLE_OF_DOGS: LngLat = [-0.012, 51.4942];
const BLIND = cellAt(...ISLE_OF_DOGS, 9);
const WATCHED = cellAt(...WHITECHAPEL, 9);
const QUIET = cellAt(-0.03, 51.52, 9);

const cameras: CameraOnMap[] = camerasOnMap({
  features: [
    {
      type: 'Feature',
      id: 'C1',
      geometry: { type: 'Point', coordinates: WHITECHAPEL },
      properties: { id: 'C1', type: 'fixed', status: 'working', bearing: 90, fieldOfView: 90, rangeMeters: 60, assumed: [], name: null, installedOn: null },
    },
    {
      type: 'Feature',
      id: 'C2',
      geometry: { type: 'Point', coordinates: [-0.0595, 51.518] },
      properties: {
        id: 'C2',
        type: 'ptz',
        status: 'working',
        bearing: null,
        fieldOfView: 360,
        rangeMeters: 100,
        assumed: ['fieldOfView'],
        name: null,
        installedOn: null,
      },
    },
    {
      type: 'Feature',
      id: 'C3',
      geometry: { type: 'Point', coordinates: [-0.058, 51.519] },
      properties: { id: 'C3', type: 'anpr', status: 'faulty', bearing: 10, fieldOfView: 20, rangeMeters: 30, assumed: [], name: null, installedOn: null },
    },
  ],
});

const coverage = {
  cells: [
    { cell: WATCHED, coveredFraction: 0.6, count: 40, harmWeightedCount: 400, bin: 3 },
    { cell: BLIND, coveredFraction: 0, count: 30, harmWeightedCount: 350, bin: 2 },
    { cell: QUIET, coveredFraction: 0.1, count: 2, harmWeightedCount: 20, bin: 0 },
  ],
  blindHotspots: [{ cell: BLIND, bin: 2, harmWeightedCount: 350, coveredFraction: 0, nearestWorkingCamera: { id: 'C2', distanceMeters: 3100 }, count: 30 }],
};
const siting = {
  sites: [{ id: BLIND, lng: cellCentre(BLIND)[0], lat: cellCentre(BLIND)[1], marginalGain: 350, newlyCoveredCells: [BLIND] }],
  meta: { rangeMeters: 80 },
};

const far: CctvLayerData = cctvLayerDataOf(coverage, cameras, null, false, null);
const close: CctvLayerData = cctvLayerDataOf(coverage, cameras, siting as never, true, 1);

describe('CCTV coverage layers', () => {
  it('shades a cell by the share of it in view, none apart from any', () => {
    expect(coverageClass(0)).toBe(0);
    expect(coverageClass(1e-6)).toBe(1);
    expect(coverageClass(0.2499)).toBe(1);
    expect(coverageClass(0.25)).toBe(2);
    expect(coverageClass(0.5)).toBe(3);
    expect(coverageClass(0.75)).toBe(4);
    expect(coverageClass(1)).toBe(4);
    // Sequential: each class darker than the one before.
    const lightness = COVERAGE_CLASSES.map((c) => c.colour[0] + c.colour[1] + c.colour[2]);
    for (let k = 1; k < lightness.length; k++) expect(lightness[k]).toBeLessThan(lightness[k - 1]!);
    expect(coverageFill({ cell: WATCHED, coveredFraction: 0.6, count: 1, bin: 0 }).slice(0, 3)).toEqual([...COVERAGE_CLASSES[3]!.colour]);
  });

  it('outlines covered hot cells dark and blind hot cells in heavy red, numbered as in the table', () => {
    const layers = cctvLayers(far);
    const cells = layerById(layers, CCTV_LAYER_IDS.cells);
    const line = (cell: string) =>
      accessor(
        cells,
        'getLineColor',
        coverage.cells.find((c) => c.cell === cell),
      );
    expect(line(WATCHED)).toEqual(HOT_EDGE);
    // The blind cell's outline is its own layer's, drawn over its neighbours.
    expect((line(BLIND) as number[])[3]).toBe(0);
    expect((line(QUIET) as number[])[3]).toBe(0);
    const blind = layerById(layers, CCTV_LAYER_IDS.blind);
    expect(blind.props.data).toEqual([{ rank: 1, cell: BLIND }]);
    expect(accessor(blind, 'getLineColor', { rank: 1, cell: BLIND })).toEqual(BLIND_EDGE);
    expect(accessor(blind, 'getLineWidth', { rank: 1, cell: BLIND })).toBeGreaterThanOrEqual(4);
    const labels = layerById(layers, CCTV_LAYER_IDS.blindLabels);
    const label = (labels.props.data as { rank: number; position: LngLat }[])[0]!;
    expect(accessor(labels, 'getText', label)).toBe('1');
    expect(metresBetween(label.position, ISLE_OF_DOGS)).toBeLessThan(400);
    // Nothing picked: no selection outline.
    expect(layers.some((l) => l.id === CCTV_LAYER_IDS.selected)).toBe(false);
  });

  it('colours cameras by status and draws views and type letters only close up', () => {
    const farLayers = cctvLayers(far);
    const points = layerById(farLayers, CCTV_LAYER_IDS.cameras);
    expect((points.props.data as CameraOnMap[]).map((c) => c.id)).toEqual(['C3', 'C1', 'C2']);
    expect((accessor(points, 'getFillColor', cameras[2]) as number[]).slice(0, 3)).toEqual([...STATUS_COLOURS.faulty]);
    expect((accessor(points, 'getFillColor', cameras[0]) as number[]).slice(0, 3)).toEqual([...STATUS_COLOURS.working]);
    expect(farLayers.some((l) => l.id === CCTV_LAYER_IDS.views || l.id === CCTV_LAYER_IDS.cameraLetters)).toBe(false);

    const closeLayers = cctvLayers(close);
    const letters = layerById(closeLayers, CCTV_LAYER_IDS.cameraLetters);
    expect(cameras.map((c) => accessor(letters, 'getText', c))).toEqual(['F', 'P', 'A']);
    const views = layerById(closeLayers, CCTV_LAYER_IDS.views);
    const drawn = views.props.data as { id: string; polygon: LngLat[] }[];
    // Working cameras only: the faulty ANPR camera watches nothing.
    expect(drawn.map((v) => v.id)).toEqual(['C1', 'C2']);
    // The fixed camera's sector: apex at the camera, every other vertex 60 m away, east of it (bearing 90°, 90° wide).
    const sector = drawn[0]!.polygon;
    expect(sector[0]).toEqual(WHITECHAPEL);
    for (const vertex of sector.slice(1, -1)) {
      expect(Math.abs(metresBetween(vertex, WHITECHAPEL) - 60)).toBeLessThan(0.5);
      expect(vertex[0]).toBeGreaterThan(WHITECHAPEL[0]);
    }
    // The PTZ camera (no bearing): a full circle of 100 m around it.
    const circle = drawn[1]!.polygon;
    for (const vertex of circle) expect(Math.abs(metresBetween(vertex, [-0.0595, 51.518]) - 100)).toBeLessThan(0.5);
    expect(Math.min(...circle.map((v) => v[1]))).toBeLessThan(51.518);
    expect(Math.max(...circle.map((v) => v[1]))).toBeGreaterThan(51.518);
  });

  it('draws proposed sites with their range circle and name, and outlines the picked blind hot spot', () => {
    const layers = cctvLayers(close);
    const ranges = layerById(layers, CCTV_LAYER_IDS.siteRanges);
    expect(ranges.props).toMatchObject({ radiusUnits: 'meters' });
    expect(accessor(ranges, 'getRadius', close.sites[0])).toBe(80);
    expect(accessor(layerById(layers, CCTV_LAYER_IDS.siteLabels), 'getText', close.sites[0])).toBe('S1');
    expect(layerById(layers, CCTV_LAYER_IDS.selected).props.data).toEqual([{ rank: 1, cell: BLIND }]);
    // Sites and blind numbers are drawn over the cameras.
    const order = layers.map((l) => l.id);
    expect(order.indexOf(CCTV_LAYER_IDS.siteLabels)).toBeGreaterThan(order.indexOf(CCTV_LAYER_IDS.cameras));
    expect(order.at(-1)).toBe(CCTV_LAYER_IDS.blindLabels);
  });

  it('picks a blind hot spot from its number or its cell, and nothing from a camera', () => {
    expect(pickedBlind(far.blind, CCTV_LAYER_IDS.blindLabels, { rank: 1, cell: BLIND })).toBe(1);
    expect(pickedBlind(far.blind, CCTV_LAYER_IDS.cells, coverage.cells[1])).toBe(1);
    expect(pickedBlind(far.blind, CCTV_LAYER_IDS.cells, coverage.cells[0])).toBeNull();
    expect(pickedBlind(far.blind, CCTV_LAYER_IDS.cameras, cameras[0])).toBeNull();
    expect(pickedBlind(far.blind, null, null)).toBeNull();
  });

  it('summarises what is drawn for the map-state element', () => {
    const summary = cctvSummaryOf({ from: '2026-01-01', to: '2026-04-01', resolution: 9, group: 'violence' }, close, [BLIND]);
    expect(summary).toMatchObject({
      cells: 3,
      hotCells: 2,
      blindCells: [BLIND],
      cameras: 3,
      views: 2,
      closeUp: true,
      sites: ['S1'],
      siteIds: [BLIND],
      selectedBlind: 1,
    });
    expect(cctvSummaryOf({ from: '2026-01-01', to: '2026-04-01', resolution: 9, group: 'violence' }, far, []).views).toBe(0);
  });
});
