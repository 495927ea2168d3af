import { describe, expect, it } from 'vitest';
import { haversineMeters } from '../../geo/cctv/local-plane';
import type { LngLat } from '../../geo/types';
import { boundsOf, frameOf, pathOfLine, pathOfRing, scaleBarOf, stopMarkers } from './briefing-map';

const BETHNAL_GREEN: LngLat = [-0.055, 51.5275];
const CANARY_WHARF: LngLat = [-0.0195, 51.5045];
const DEPOT: LngLat = [-0.035, 51.515];

describe('the briefing route map', () => {
  const frame = frameOf(boundsOf([BETHNAL_GREEN, CANARY_WHARF, DEPOT]), { width: 680, maxHeight: 440, minSpanMetres: 1500, padding: 0.1 });

  it('keeps distances on the page proportional to distances on the ground, within half a percent', () => {
    const pixels = (a: LngLat, b: LngLat) => Math.hypot(frame.project(a)[0] - frame.project(b)[0], frame.project(a)[1] - frame.project(b)[1]);
    for (const [a, b] of [
      [BETHNAL_GREEN, CANARY_WHARF],
      [DEPOT, CANARY_WHARF],
      [BETHNAL_GREEN, DEPOT],
    ] as const) {
      const ratio = pixels(a, b) / frame.pixelsPerMetre / haversineMeters(a, b);
      expect(ratio).toBeGreaterThan(0.995);
      expect(ratio).toBeLessThan(1.005);
    }
  });

  it('puts north up and every point inside the frame, with room to spare', () => {
    const [, yNorth] = frame.project(BETHNAL_GREEN);
    const [, ySouth] = frame.project(CANARY_WHARF);
    expect(yNorth).toBeLessThan(ySouth);
    for (const point of [BETHNAL_GREEN, CANARY_WHARF, DEPOT]) {
      const [x, y] = frame.project(point);
      expect(x).toBeGreaterThan(0.05 * frame.width);
      expect(x).toBeLessThan(0.95 * frame.width);
      expect(y).toBeGreaterThan(0.05 * frame.height);
      expect(y).toBeLessThan(0.95 * frame.height);
    }
    expect(frame.width).toBe(680);
    expect(frame.height).toBeLessThanOrEqual(440);
  });

  it('shows at least the minimum span around a single place', () => {
    const one = frameOf(boundsOf([DEPOT]), { width: 600, maxHeight: 400, minSpanMetres: 1000, padding: 0 });
    expect(one.pixelsPerMetre).toBeCloseTo(0.4, 5);
    expect(one.project(DEPOT)).toEqual([300, 200]);
    // The view's corners project onto the frame's corners.
    const [west, south, east, north] = one.view;
    expect(one.project([west, north])).toEqual([0, 0]);
    expect(one.project([east, south])).toEqual([600, 400]);
  });

  it('numbers the stops as the schedule rows, one marker per place with every visit there', () => {
    const markers = stopMarkers([
      { taskingId: 7, point: BETHNAL_GREEN },
      { taskingId: 9, point: CANARY_WHARF },
      { taskingId: 7, point: BETHNAL_GREEN },
    ]);
    expect(markers.map((m) => [m.taskingId, m.label])).toEqual([
      [7, '1·3'],
      [9, '2'],
    ]);
  });

  it('draws paths through the projected points and a round scale bar', () => {
    expect(pathOfLine([DEPOT, CANARY_WHARF], frame)).toBe(`M${frame.project(DEPOT).join(' ')} L${frame.project(CANARY_WHARF).join(' ')}`);
    expect(pathOfRing([DEPOT, CANARY_WHARF, BETHNAL_GREEN], frame).endsWith(' Z')).toBe(true);
    const bar = scaleBarOf(frame, 150);
    expect([100, 200, 250, 500, 1000, 2000]).toContain(bar.metres);
    expect(bar.pixels).toBeLessThanOrEqual(150);
    expect(bar.pixels).toBeCloseTo(bar.metres * frame.pixelsPerMetre, 0);
  });
});
