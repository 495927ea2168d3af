import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CAMERA_CSV_COLUMNS, CAMERA_DEFAULTS, CAMERA_TYPES, camerasToCsv, viewOf, type Camera, type CameraType } from './cameras';

const camera = (type: CameraType, given: Partial<Pick<Camera, 'bearing' | 'fieldOfView' | 'rangeMeters'>> = {}): Camera =>
  Object.freeze({
    id: 'C1',
    type,
    lng: -0.05,
    lat: 51.52,
    bearing: given.bearing ?? null,
    fieldOfView: given.fieldOfView ?? null,
    rangeMeters: given.rangeMeters ?? null,
    status: 'working',
    installedOn: null,
  });

const sectorArea = (fieldOfView: number, rangeMeters: number) => (Math.PI * rangeMeters ** 2 * fieldOfView) / 360;

describe('viewOf', () => {
  it('gives each type its documented default when the file says nothing, and names what was assumed', () => {
    expect(viewOf(camera('ptz'))).toEqual({ bearing: null, fieldOfView: 360, rangeMeters: 100, assumed: ['fieldOfView', 'rangeMeters'] });
    expect(viewOf(camera('redeployable'))).toEqual({ bearing: null, fieldOfView: 360, rangeMeters: 80, assumed: ['fieldOfView', 'rangeMeters'] });
    // A fixed or ANPR camera with a bearing is a sector of its type's angle and range.
    expect(viewOf(camera('fixed', { bearing: 45 }))).toEqual({ bearing: 45, fieldOfView: 90, rangeMeters: 60, assumed: ['fieldOfView', 'rangeMeters'] });
    expect(viewOf(camera('anpr', { bearing: 270 }))).toEqual({ bearing: 270, fieldOfView: 20, rangeMeters: 30, assumed: ['fieldOfView', 'rangeMeters'] });
  });

  it('takes every value the file gives, assuming nothing', () => {
    expect(viewOf(camera('fixed', { bearing: 10, fieldOfView: 60, rangeMeters: 40 }))).toEqual({ bearing: 10, fieldOfView: 60, rangeMeters: 40, assumed: [] });
    // A PTZ camera the file says looks one way only is that sector.
    expect(viewOf(camera('ptz', { bearing: 180, fieldOfView: 120, rangeMeters: 150 }))).toEqual({
      bearing: 180,
      fieldOfView: 120,
      rangeMeters: 150,
      assumed: [],
    });
    // A bearing on a full circle changes nothing and is not needed.
    expect(viewOf(camera('ptz', { bearing: 90, rangeMeters: 50 }))).toEqual({ bearing: null, fieldOfView: 360, rangeMeters: 50, assumed: ['fieldOfView'] });
    expect(viewOf(camera('fixed', { bearing: 360, fieldOfView: 90, rangeMeters: 60 })).bearing).toBe(0);
  });

  it('turns a sector camera without a bearing into a full circle of the same area, every value marked assumed', () => {
    const fixed = viewOf(camera('fixed'));
    expect(fixed).toEqual({ bearing: null, fieldOfView: 360, rangeMeters: 30, assumed: ['bearing', 'fieldOfView', 'rangeMeters'] });
    expect(Math.PI * fixed.rangeMeters ** 2).toBeCloseTo(sectorArea(90, 60), 6);
    const anpr = viewOf(camera('anpr'));
    expect(anpr.rangeMeters).toBe(7.1);
    expect(Math.abs(Math.PI * anpr.rangeMeters ** 2 - sectorArea(20, 30)) / sectorArea(20, 30)).toBeLessThan(0.01);
    // The file's own angle and range decide the circle's size.
    expect(viewOf(camera('fixed', { fieldOfView: 40, rangeMeters: 90 }))).toEqual({
      bearing: null,
      fieldOfView: 360,
      rangeMeters: 30,
      assumed: ['bearing', 'fieldOfView', 'rangeMeters'],
    });
  });

  it('documents a default for every type, sectors only where a bearing is needed', () => {
    expect(Object.keys(CAMERA_DEFAULTS).sort()).toEqual([...CAMERA_TYPES].sort());
    for (const type of CAMERA_TYPES) {
      const d = CAMERA_DEFAULTS[type];
      expect(d.fieldOfView).toBeGreaterThan(0);
      expect(d.fieldOfView).toBeLessThanOrEqual(360);
      expect(d.rangeMeters).toBeGreaterThan(0);
      expect(d.why).toContain(`${d.rangeMeters} m`);
    }
  });
});

describe('camerasToCsv', () => {
  it('writes the column contract and quotes what CSV needs quoted', () => {
    const text = camerasToCsv([
      { ...camera('fixed', { bearing: 45 }), id: 'CCTV-001', name: 'Commercial Rd, "Watney Market"', installedOn: '2019-04-01' },
      { ...camera('ptz'), id: 'CCTV-002', status: 'faulty' },
    ]);
    expect(text.split('\n')[0]).toBe(`${CAMERA_CSV_COLUMNS.join(',')},name`);
    expect(text.endsWith('\n')).toBe(true);
    // csv-parse, not our importer, reads it back.
    expect(parse(text, { columns: true })).toEqual([
      {
        id: 'CCTV-001',
        type: 'fixed',
        lng: '-0.05',
        lat: '51.52',
        bearing: '45',
        fieldOfView: '',
        rangeMeters: '',
        status: 'working',
        installedOn: '2019-04-01',
        name: 'Commercial Rd, "Watney Market"',
      },
      { id: 'CCTV-002', type: 'ptz', lng: '-0.05', lat: '51.52', bearing: '', fieldOfView: '', rangeMeters: '', status: 'faulty', installedOn: '', name: '' },
    ]);
  });
});
