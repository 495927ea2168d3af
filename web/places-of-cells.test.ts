import { describe, expect, it } from 'vitest';
import { cellAt } from '../geo/h3';
import type { AreaGeometry } from '../geo/study-area';
import { areasOfCells, placesInWords } from './places-of-cells';

const box = (west: number, south: number, east: number, north: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

describe('the wards a hotspot lies in', () => {
  const areas = [
    { name: 'West', geometry: box(-0.1, 51.5, -0.05, 51.55) },
    { name: 'East', geometry: box(-0.05, 51.5, 0, 51.55) },
  ];

  it('names the ward holding most of its cells first, and leaves out cells in none', () => {
    const cells = [cellAt(-0.02, 51.52, 9), cellAt(-0.01, 51.53, 9), cellAt(-0.08, 51.52, 9), cellAt(0.2, 51.52, 9)];
    expect(areasOfCells(cells, areas)).toEqual(['East', 'West']);
    expect(areasOfCells([cellAt(0.2, 51.52, 9)], areas)).toEqual([]);
  });

  it('says one, two, or two and how many more', () => {
    expect(placesInWords([])).toBeNull();
    expect(placesInWords(['Poplar'])).toBe('Poplar');
    expect(placesInWords(['Mile End', 'Bow'])).toBe('Mile End and Bow');
    expect(placesInWords(['Mile End', 'Bow', 'Stepney', 'Bromley-by-Bow'])).toBe('Mile End, Bow and 2 more');
  });
});
