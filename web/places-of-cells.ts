// Which named areas (wards) a group of cells lies in, in words, for a hotspot that spans more
// than one: by the number of its cells whose centre each area holds. Pure.
import { cellCentre } from '../geo/h3';
import { createAreaTest, type AreaGeometry } from '../geo/study-area';

export interface NamedArea {
  name: string;
  geometry: AreaGeometry;
}

/** The areas holding the cells' centres, most cells first (ties by name); cells in none are left out. */
export function areasOfCells(cells: readonly string[], areas: readonly NamedArea[]): string[] {
  const tests = areas.map((area) => ({ name: area.name, test: createAreaTest(area.geometry) }));
  const counts = new Map<string, number>();
  for (const cell of cells) {
    const [lng, lat] = cellCentre(cell);
    const hit = tests.find((t) => t.test.contains(lng, lat));
    if (hit) counts.set(hit.name, (counts.get(hit.name) ?? 0) + 1);
  }
  return [...counts].sort(([a, n], [b, m]) => m - n || a.localeCompare(b)).map(([name]) => name);
}

/** 'Poplar', 'Mile End and Bow', 'Mile End, Bow and 2 more'; null when no area holds them. */
export function placesInWords(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  if (names.length <= 2) return names.join(' and ');
  const more = names.length - 2;
  return `${names[0]}, ${names[1]} and ${more} more`;
}
