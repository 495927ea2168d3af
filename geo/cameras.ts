// Street cameras (issue 12): the record every camera module shares, the assumed view of a camera
// whose file leaves the optional values out, and the CSV columns a camera file is written with.
// Pure: no I/O. The defaults and why they were chosen: docs/decisions/028-cameras.md.

export const CAMERA_TYPES = ['fixed', 'ptz', 'redeployable', 'anpr'] as const;
export type CameraType = (typeof CAMERA_TYPES)[number];

export const CAMERA_STATUSES = ['working', 'faulty', 'removed'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];

/** A camera as a file gives it: the optional values are null when the file leaves them out. */
export interface Camera {
  id: string;
  type: CameraType;
  lng: number;
  lat: number;
  /** Degrees clockwise from north the camera points, 0..360; null when not given. */
  bearing: number | null;
  /** Horizontal angle of view in degrees, (0, 360]; null when not given. */
  fieldOfView: number | null;
  /** How far the camera usefully sees, in metres, (0, MAX_CAMERA_RANGE_METERS]; null when not given. */
  rangeMeters: number | null;
  status: CameraStatus;
  /** 'YYYY-MM-DD'; null when not given. */
  installedOn: string | null;
}

/** A range past this is a typing error (a value in feet or centimetres), not a street camera. */
export const MAX_CAMERA_RANGE_METERS = 1000;

export interface CameraDefault {
  /** Degrees; 360 is a full circle. */
  fieldOfView: number;
  rangeMeters: number;
  /** Said wherever the assumption is shown. */
  why: string;
}

/**
 * What a camera of each type is assumed to watch when its file does not say. Planning
 * assumptions, not measurements (no survey of the borough's cameras ships with the app); a file
 * that gives the values overrides them. Reasoning: decision 028.
 */
export const CAMERA_DEFAULTS: Readonly<Record<CameraType, CameraDefault>> = {
  fixed: { fieldOfView: 90, rangeMeters: 60, why: 'a fixed street camera: a 90° sector to 60 m, the part of a street a wide lens shows a person in' },
  ptz: { fieldOfView: 360, rangeMeters: 100, why: 'a pan-tilt-zoom camera: a full circle to 100 m, everywhere an operator can turn it (one way at a time)' },
  anpr: { fieldOfView: 20, rangeMeters: 30, why: 'an ANPR camera: a narrow 20° sector to 30 m, the stretch of road where it reads number plates' },
  redeployable: {
    fieldOfView: 360,
    rangeMeters: 80,
    why: 'a redeployable camera: a full circle to 80 m, a dome on a lamp column, lower and with less zoom than a fixed PTZ',
  },
};

/** The values of a camera's view that can be assumed. */
export type AssumedValue = 'bearing' | 'fieldOfView' | 'rangeMeters';

/** What a camera is taken to watch: a sector (bearing given) or a full circle (bearing null). */
export interface CameraView {
  /** Degrees clockwise from north, 0 <= bearing < 360, the centre of the sector; null for a full circle. */
  bearing: number | null;
  /** Degrees, (0, 360]; 360 is a full circle. */
  fieldOfView: number;
  rangeMeters: number;
  /** The values not taken as the file gave them, in this order: bearing, fieldOfView, rangeMeters. */
  assumed: AssumedValue[];
}

/**
 * The effective view of a camera: the file's values where it gave them, its type's default
 * (CAMERA_DEFAULTS) where it did not. A camera whose view is a sector but whose bearing is
 * unknown cannot be pointed: it is taken as a full circle of the same area as that sector
 * (radius = range x sqrt(fieldOfView / 360)), so it claims no more watched ground than it has,
 * and all three values are marked assumed (decision 028).
 */
export function viewOf(camera: Pick<Camera, 'type' | 'bearing' | 'fieldOfView' | 'rangeMeters'>): CameraView {
  const defaults = CAMERA_DEFAULTS[camera.type];
  const assumed = new Set<AssumedValue>();
  const fieldOfView = camera.fieldOfView ?? defaults.fieldOfView;
  if (camera.fieldOfView === null) assumed.add('fieldOfView');
  const rangeMeters = camera.rangeMeters ?? defaults.rangeMeters;
  if (camera.rangeMeters === null) assumed.add('rangeMeters');
  const ordered = () => (['bearing', 'fieldOfView', 'rangeMeters'] as const).filter((v) => assumed.has(v));
  if (fieldOfView >= 360) return { bearing: null, fieldOfView: 360, rangeMeters, assumed: ordered() };
  if (camera.bearing !== null) return { bearing: ((camera.bearing % 360) + 360) % 360, fieldOfView, rangeMeters, assumed: ordered() };
  assumed.add('bearing').add('fieldOfView').add('rangeMeters');
  return { bearing: null, fieldOfView: 360, rangeMeters: roundTo(rangeMeters * Math.sqrt(fieldOfView / 360), 1), assumed: ordered() };
}

const roundTo = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

// ---- The CSV a camera file is written in ----------------------------------------------------

/**
 * The columns of a camera CSV, in the order `camerasToCsv` writes them. The importer also finds
 * them by other names (docs/importers.md), takes `easting` + `northing` (British National Grid,
 * EPSG:27700) in place of `lng` + `lat`, and an optional `name` (shown on the map).
 */
export const CAMERA_CSV_COLUMNS = ['id', 'type', 'lng', 'lat', 'bearing', 'fieldOfView', 'rangeMeters', 'status', 'installedOn'] as const;
export const CAMERA_CSV_NAME_COLUMN = 'name';

/** A camera with the place name a file may give it. */
export type NamedCamera = Camera & { name?: string | null };

const csvField = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The CSV text (header, then one line per camera, each ending in \n) the cameras importer reads back as given. */
export function camerasToCsv(cameras: readonly NamedCamera[]): string {
  const header = [...CAMERA_CSV_COLUMNS, CAMERA_CSV_NAME_COLUMN].join(',');
  const lines = cameras.map((c) =>
    [c.id, c.type, c.lng, c.lat, c.bearing, c.fieldOfView, c.rangeMeters, c.status, c.installedOn, c.name].map(csvField).join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}
