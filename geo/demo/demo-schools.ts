// Invented schools for the demo borough. Names say "(demo)" and URNs start at 990001, a
// range DfE does not use for real establishments, so nobody mistakes them for the real
// Get Information About Schools records.
import type { LngLat } from '../types';

export interface DemoSchool {
  urn: string;
  name: string;
  phase: 'Primary' | 'Secondary';
  position: LngLat;
}

export const DEMO_SCHOOLS: readonly DemoSchool[] = [
  { urn: '990001', name: 'Brick Lane Secondary (demo)', phase: 'Secondary', position: [-0.0705, 51.5228] },
  { urn: '990002', name: 'Whitechapel Road Academy (demo)', phase: 'Secondary', position: [-0.0595, 51.5185] },
  { urn: '990003', name: 'Bethnal Green Gardens School (demo)', phase: 'Secondary', position: [-0.056, 51.5265] },
  { urn: '990004', name: 'Stepney Green Academy (demo)', phase: 'Secondary', position: [-0.044, 51.52] },
  { urn: '990005', name: 'Mile End Park School (demo)', phase: 'Secondary', position: [-0.0365, 51.53] },
  { urn: '990006', name: 'Bow Common Academy (demo)', phase: 'Secondary', position: [-0.024, 51.5195] },
  { urn: '990007', name: 'Bromley Hall School (demo)', phase: 'Secondary', position: [-0.0165, 51.524] },
  { urn: '990008', name: 'Poplar High Street School (demo)', phase: 'Secondary', position: [-0.0175, 51.5108] },
  { urn: '990009', name: 'Millwall Dock Academy (demo)', phase: 'Secondary', position: [-0.0195, 51.4975] },
  { urn: '990010', name: 'Shadwell Basin Primary (demo)', phase: 'Primary', position: [-0.0505, 51.5105] },
  { urn: '990011', name: 'Limehouse Cut Primary (demo)', phase: 'Primary', position: [-0.03, 51.516] },
  { urn: '990012', name: 'Cubitt Town Primary (demo)', phase: 'Primary', position: [-0.008, 51.49] },
];

export function demoSchool(urn: string): DemoSchool {
  const school = DEMO_SCHOOLS.find((s) => s.urn === urn);
  if (!school) throw new Error(`no demo school with URN ${urn}`);
  return school;
}
