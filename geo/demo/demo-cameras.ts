// The demo borough's CCTV network (issue 12): about 380 street cameras, denser in the town
// centres and along the main roads, some faulty or removed, a handful of redeployable ones, a few
// ANPR cameras on the main roads, and planted blind hot spots: planted hot clusters that no
// camera watches, listed in the ground truth. Pure and seeded; its own random stream, so the
// incidents do not change when the cameras do. Written as the cameras importer's CSV.
import { camerasToCsv, type CameraStatus, type CameraType } from '../cameras';
import type { LngLat } from '../types';
import { insideDemoArea } from './demo-area';
import { metresBetween, offsetMetres } from './demo-population';
import { createRandom, type Random } from './random';

export interface DemoCamera {
  id: string;
  name: string;
  type: CameraType;
  position: LngLat;
  /** Degrees clockwise from north; null where the council's asset list leaves it blank. */
  bearing: number | null;
  fieldOfView: number | null;
  rangeMeters: number | null;
  status: CameraStatus;
  installedOn: string;
}

/** A planted hot cluster left without cameras: no camera stands within `clearanceMeters` of its centre. */
export interface BlindHotspotTruth {
  patternId: string;
  label: string;
  centre: LngLat;
  clearanceMeters: number;
  /** The incident categories the cluster is made of (for the coverage view that shows it). */
  categories: string[];
}

/**
 * Planted patterns left blind. Far enough from every camera that no view (the longest default
 * range is 100 m) reaches the cluster's cells: the cluster's radius (300-360 m) plus a camera's
 * range and a resolution-9 cell's width.
 */
export const BLIND_PATTERNS: readonly { patternId: string; label: string; centre: LngLat; categories: string[] }[] = [
  {
    patternId: 'violence-evening-isle-of-dogs',
    label: 'Evening serious violence, Isle of Dogs: no camera',
    centre: [-0.012, 51.4942],
    categories: ['violent-crime', 'serious-violence', 'knife-crime'],
  },
  {
    patternId: 'drug-market-limehouse',
    label: 'Drug market, Limehouse: no camera',
    centre: [-0.028, 51.513],
    categories: ['drugs', 'drug-related-asb'],
  },
  {
    patternId: 'emerging-asb-bow-north',
    label: 'Emerging ASB, Bow (north): a new problem, no camera yet',
    centre: [-0.03, 51.537],
    categories: ['anti-social-behaviour', 'criminal-damage-arson'],
  },
];
export const BLIND_CLEARANCE_METERS = 650;

/** Main roads of the demo borough as polylines (approximate, for placing cameras along them). */
const MAIN_ROADS: readonly { name: string; line: readonly LngLat[] }[] = [
  {
    name: 'Whitechapel Road',
    line: [
      [-0.0725, 51.5165],
      [-0.06, 51.5185],
      [-0.047, 51.5215],
      [-0.035, 51.525],
      [-0.022, 51.5285],
    ],
  },
  {
    name: 'Commercial Road',
    line: [
      [-0.066, 51.5135],
      [-0.05, 51.5135],
      [-0.035, 51.5125],
      [-0.02, 51.5115],
      [-0.005, 51.511],
    ],
  },
  {
    name: 'Bethnal Green Road',
    line: [
      [-0.0725, 51.5235],
      [-0.062, 51.5255],
      [-0.055, 51.527],
    ],
  },
  {
    name: 'Cambridge Heath Road',
    line: [
      [-0.0565, 51.5335],
      [-0.0555, 51.525],
      [-0.0545, 51.516],
    ],
  },
  {
    name: 'Roman Road',
    line: [
      [-0.052, 51.5285],
      [-0.04, 51.5305],
      [-0.027, 51.5325],
    ],
  },
  {
    name: 'Burdett Road',
    line: [
      [-0.0355, 51.5245],
      [-0.032, 51.517],
      [-0.029, 51.5115],
    ],
  },
  {
    name: 'Westferry Road',
    line: [
      [-0.026, 51.508],
      [-0.024, 51.499],
      [-0.021, 51.4905],
    ],
  },
];

/** Town centres: CCTV clusters around the high streets and stations. */
const TOWN_CENTRES: readonly { name: string; centre: LngLat; cameras: number }[] = [
  { name: 'Whitechapel', centre: [-0.0605, 51.5175], cameras: 26 },
  { name: 'Brick Lane', centre: [-0.071, 51.521], cameras: 24 },
  { name: 'Bethnal Green', centre: [-0.0555, 51.527], cameras: 16 },
  { name: 'Mile End', centre: [-0.0335, 51.5252], cameras: 14 },
  { name: 'Roman Road', centre: [-0.035, 51.531], cameras: 12 },
  { name: 'Chrisp Street', centre: [-0.016, 51.5125], cameras: 12 },
  { name: 'Canary Wharf', centre: [-0.0195, 51.5045], cameras: 24 },
  { name: 'Watney Market', centre: [-0.0545, 51.5135], cameras: 8 },
];
const ROAD_CAMERAS = 170;
const ESTATE_CAMERAS = 56;
const ANPR_CAMERAS = 12;
const REDEPLOYABLE_CAMERAS = 6;

function roadLength(line: readonly LngLat[]): number {
  let total = 0;
  for (let k = 1; k < line.length; k++) total += metresBetween(line[k - 1]!, line[k]!);
  return total;
}

/** The point `along` metres down the line, and the road's bearing there (degrees clockwise from north). */
function pointAlong(line: readonly LngLat[], along: number): { position: LngLat; bearing: number } {
  let left = along;
  for (let k = 1; k < line.length; k++) {
    const [a, b] = [line[k - 1]!, line[k]!];
    const length = metresBetween(a, b);
    if (left <= length || k === line.length - 1) {
      const t = Math.min(1, left / length);
      const position: LngLat = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      const east = (b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180);
      const north = (b[1] - a[1]) * 110_574;
      return { position, bearing: (Math.atan2(east, north) * 180) / Math.PI };
    }
    left -= length;
  }
  return { position: line.at(-1)!, bearing: 0 };
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const bearingOf = (degrees: number) => Math.round(((degrees % 360) + 360) % 360);

function blindAt(position: LngLat): boolean {
  return BLIND_PATTERNS.some((b) => metresBetween(b.centre, position) < BLIND_CLEARANCE_METERS);
}

function statusOf(random: Random): CameraStatus {
  const r = random.next();
  return r < 0.07 ? 'faulty' : r < 0.09 ? 'removed' : 'working';
}

function installedOn(random: Random, endYear: number): string {
  const year = endYear - 1 - random.int(12);
  return `${year}-${String(1 + random.int(12)).padStart(2, '0')}-${String(1 + random.int(28)).padStart(2, '0')}`;
}

/**
 * The demo network for data ending in `endYear`. Deterministic for a seed. Cameras that would
 * fall outside the demo area or inside a blind zone are drawn again (up to a limit), so the
 * network keeps its size and the blind zones stay blind.
 */
export function generateDemoCameras(seed: number, endYear: number): DemoCamera[] {
  const random = createRandom(seed, 'cameras');
  const cameras: DemoCamera[] = [];
  const add = (draw: () => Omit<DemoCamera, 'id' | 'status' | 'installedOn'> | null, prefix: string) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const camera = draw();
      if (!camera || !insideDemoArea(camera.position[0], camera.position[1]) || blindAt(camera.position)) continue;
      cameras.push({
        ...camera,
        position: [round(camera.position[0], 6), round(camera.position[1], 6)],
        id: `${prefix}-${String(cameras.length + 1).padStart(3, '0')}`,
        status: statusOf(random),
        installedOn: installedOn(random, endYear),
      });
      return;
    }
  };
  const lengths = MAIN_ROADS.map((road) => roadLength(road.line));
  const totalLength = lengths.reduce((a, b) => a + b, 0);

  // Along the main roads: fixed cameras looking up or down the road, some PTZ at junctions.
  for (let n = 0; n < ROAD_CAMERAS; n++) {
    add(() => {
      let along = random.next() * totalLength;
      let k = 0;
      while (along > lengths[k]! && k < lengths.length - 1) along -= lengths[k++]!;
      const road = MAIN_ROADS[k]!;
      const { position, bearing } = pointAlong(road.line, along);
      const ptz = random.next() < 0.25;
      const side = random.next() < 0.5 ? 0 : 180;
      return {
        name: `${road.name} ${ptz ? 'junction' : 'column'}`,
        type: ptz ? 'ptz' : 'fixed',
        position: offsetMetres(position, random.normal() * 8, random.normal() * 8),
        bearing: ptz ? null : bearingOf(bearing + side + random.normal() * 10),
        fieldOfView: ptz || random.next() < 0.3 ? null : 60 + 10 * random.int(5),
        rangeMeters: random.next() < 0.4 ? null : 50 + 10 * random.int(6),
      };
    }, 'TH');
  }
  // Town centres: PTZ domes over the high street and fixed cameras around it.
  for (const centre of TOWN_CENTRES) {
    for (let n = 0; n < centre.cameras; n++) {
      add(() => {
        const ptz = random.next() < 0.45;
        return {
          name: `${centre.name} town centre`,
          type: ptz ? 'ptz' : 'fixed',
          position: offsetMetres(centre.centre, random.normal() * 170, random.normal() * 150),
          bearing: ptz ? null : bearingOf(random.next() * 360),
          fieldOfView: ptz ? 360 : null,
          rangeMeters: ptz ? 80 + 10 * random.int(5) : null,
        };
      }, 'TH');
    }
  }
  // Estates: fixed cameras on blocks, spread over the borough.
  for (let n = 0; n < ESTATE_CAMERAS; n++) {
    add(
      () => ({
        name: 'Estate camera',
        type: 'fixed',
        position: [-0.075 + random.next() * 0.07, 51.49 + random.next() * 0.047],
        bearing: bearingOf(random.next() * 360),
        fieldOfView: 70,
        rangeMeters: 50,
      }),
      'TH',
    );
  }
  // ANPR on the main roads: short, narrow, looking along the road.
  for (let n = 0; n < ANPR_CAMERAS; n++) {
    add(() => {
      const road = MAIN_ROADS[n % MAIN_ROADS.length]!;
      const { position, bearing } = pointAlong(road.line, random.next() * roadLength(road.line));
      return { name: `${road.name} ANPR`, type: 'anpr', position, bearing: bearingOf(bearing), fieldOfView: null, rangeMeters: null };
    }, 'ANPR');
  }
  // Redeployable cameras, out on the last hot spots they were sent to.
  for (let n = 0; n < REDEPLOYABLE_CAMERAS; n++) {
    add(() => {
      const centre = TOWN_CENTRES[random.int(TOWN_CENTRES.length)]!;
      return {
        name: `Redeployable, ${centre.name}`,
        type: 'redeployable',
        position: offsetMetres(centre.centre, random.normal() * 300, random.normal() * 300),
        bearing: null,
        fieldOfView: null,
        rangeMeters: null,
      };
    }, 'RD');
  }
  return cameras;
}

/** The network as the cameras importer's CSV (geo/cameras.ts), empty where the asset list leaves a value blank. */
export function demoCamerasCsv(cameras: readonly DemoCamera[]): string {
  return camerasToCsv(cameras.map(({ position, ...c }) => ({ ...c, lng: position[0], lat: position[1] })));
}
