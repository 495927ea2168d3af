// The raw counts behind one public theme-month (issue 15): each incident of the month, wholly
// inside it, counted in its PIECE, the part of its ward inside its resolution-8 hexagon
// (geo/disclosure/public-table.ts). The ward is the one whose polygon holds the incident's own
// point (as an independent point-in-polygon count of a raw file gives it); incidents in no ward
// are not published. Every (ward, hexagon) pair the ward's area touches is listed, with 0 where
// nothing happened, so a zero piece is in the relations as it is on the ground.
import { cellsOfPolygon, parentCell } from '../../geo/h3';
import type { PieceCount } from '../../geo/disclosure/public-table';
import { createAreaTest, type AreaGeometry } from '../../geo/study-area';
import type { IncidentIndex } from '../incidents/incident-index';
import { scanWindow } from '../incidents/window-counts';

export const PIECE_RESOLUTION = 8;
/** Fine cells whose centres decide which hexagons a ward's area touches. */
const TOUCH_RESOLUTION = 10;

export interface PublicWard {
  code: string;
  name: string;
  geometry: AreaGeometry;
}

export interface WardLookup {
  wards: readonly PublicWard[];
  /** The (ward code, resolution-8 cell) pairs the wards' areas touch. */
  pairs: readonly { wardCode: string; h3Cell: string }[];
  /** The ward (its place in `wards`) of a location of the index, -1 for none; computed once per location. */
  wardOfLocation: (index: IncidentIndex, k: number) => number;
}

export function wardLookup(wards: readonly PublicWard[]): WardLookup {
  const tests = wards.map((w) => createAreaTest(w.geometry));
  const pairs: { wardCode: string; h3Cell: string }[] = [];
  for (const ward of wards) {
    const cells = new Set(cellsOfPolygon(ward.geometry, TOUCH_RESOLUTION, 'centre').map((c) => parentCell(c, PIECE_RESOLUTION)));
    for (const h3Cell of [...cells].sort()) pairs.push({ wardCode: ward.code, h3Cell });
  }
  const memo = new WeakMap<IncidentIndex, Int32Array>();
  return {
    wards,
    pairs,
    wardOfLocation(index, k) {
      let known = memo.get(index);
      if (!known || known.length < index.locationCount) {
        const grown = new Int32Array(index.locationCount).fill(-2);
        if (known) grown.set(known);
        known = grown;
        memo.set(index, known);
      }
      if (known[k] === -2) {
        const [lng, lat] = index.locationPoint(k);
        known[k] = tests.findIndex((t) => t.contains(lng, lat));
      }
      return known[k]!;
    },
  };
}

/** The pieces of one theme in [fromDay, toDay) (a calendar month): incidents wholly inside it. */
export function piecesOf(index: IncidentIndex, lookup: WardLookup, categories: readonly string[], fromDay: number, toDay: number): PieceCount[] {
  const counts = new Map<string, number>();
  const { cells, cellOfLocation } = index.cellsAt(PIECE_RESOLUTION);
  scanWindow(index, { categories, fromDay, toDay }, (i, whole) => {
    if (!whole) return;
    const location = index.locationIndex[i]!;
    const ward = lookup.wardOfLocation(index, location);
    if (ward < 0) return;
    const key = `${lookup.wards[ward]!.code}|${cells[cellOfLocation[location]!]!}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const pieces = new Map<string, PieceCount>();
  const add = (wardCode: string, h3Cell: string) => {
    const key = `${wardCode}|${h3Cell}`;
    if (!pieces.has(key)) pieces.set(key, { wardCode, h3Cell, parentH3Cell: parentCell(h3Cell, PIECE_RESOLUTION - 1), count: counts.get(key) ?? 0 });
  };
  for (const pair of lookup.pairs) add(pair.wardCode, pair.h3Cell);
  // A point just inside a ward whose hexagon's fine centres all fall outside it: its pair too.
  for (const key of counts.keys()) {
    const [wardCode, h3Cell] = key.split('|') as [string, string];
    add(wardCode, h3Cell);
  }
  return [...pieces.values()];
}
