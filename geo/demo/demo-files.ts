// The demo data as file contents (pure: strings in, strings out; scripts/demo-data.ts
// writes them). The incidents CSV is in the generic partner format the importer reads:
// `id,occurred_at,category,lng,lat` and the flag columns (Y/N, empty when not recorded, and
// locationType), occurred_at as London local 'YYYY-MM-DDTHH:MM'.
import { isoDateOfDay } from '../time';
import { FLAG_NAMES } from '../incident-flags';
import type { DemoData, DemoIncident } from './generate-demo-data';
import { DEMO_BOROUGH_POPULATION, DEMO_POPULATION_FIRST_YEAR, DEMO_POPULATION_LAST_YEAR } from './demo-ward-populations';

export const PARTNER_CSV_HEADER = `id,occurred_at,category,lng,lat,${FLAG_NAMES.join(',')},locationType`;

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'Y' : 'N');

export function incidentsCsv(incidents: readonly DemoIncident[]): string {
  const lines = [PARTNER_CSV_HEADER];
  for (const i of incidents) {
    const flags = FLAG_NAMES.map((name) => yesNo(i.flags[name])).join(',');
    lines.push(`${i.sourceRecordId},${i.occurredAt},${i.category},${i.lng.toFixed(6)},${i.lat.toFixed(6)},${flags},${i.flags.locationType ?? ''}`);
  }
  return lines.join('\n') + '\n';
}

export function schoolsCsv(data: DemoData): string {
  const lines = ['urn,name,phase,lng,lat'];
  for (const s of data.schools) lines.push(`${s.urn},"${s.name.replaceAll('"', '""')}",${s.phase},${s.position[0].toFixed(6)},${s.position[1].toFixed(6)}`);
  return lines.join('\n') + '\n';
}

export function studyAreaGeoJson(data: DemoData): string {
  const collection: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: 'demo', name: 'Demo borough (synthetic)', demo: true },
        geometry: data.studyArea,
      },
    ],
  };
  return JSON.stringify(collection) + '\n';
}

export function wardsGeoJson(data: DemoData): string {
  const collection: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: data.wards.map((w) => ({
      type: 'Feature',
      properties: { code: w.code, name: w.name, demo: true },
      geometry: w.geometry,
    })),
  };
  return JSON.stringify(collection) + '\n';
}

export function groundTruthJson(data: DemoData): string {
  return JSON.stringify(data.groundTruth, null, 2) + '\n';
}

export function readmeText(data: DemoData): string {
  const t = data.groundTruth;
  const lastDay = isoDateOfDay(t.endDay - 1);
  return `SYNTHETIC DEMO DATA - NOT REAL INCIDENTS
========================================

Everything in this folder was invented by Tasking Map's demo data generator
(geo/demo/generate-demo-data.ts, run by \`npm run demo-data\`). No incident here is a
real crime, ASB report or stop and search, the demo borough outline and wards are
hand-drawn approximations, and the schools are fictional (URNs from 990001, names
ending "(demo)"). Nothing was copied from police.uk or council data.

How it was made
- Seed ${t.seed}, ${t.years} year(s) of data: ${t.startDate} to ${lastDay} inclusive (end date ${t.endDate} is exclusive).
- Background incidents in every category, spread over the demo area in proportion to a
  smooth population surface, with hour-of-day, day-of-week and seasonal rhythms.
- Planted patterns (${t.patterns.length}), after the council's documented findings: evening
  serious violence in the east, under-18 violence at 9am near schools, robbery near
  schools 15:00-18:00 on school days, persistent drug markets, and emerging, fading
  and sporadic hotspots. ground-truth.json lists each with its H3 cells (res 8-10),
  active windows, hours and counts, plus the demo school term dates.
- Planted taskings (${t.taskings.length}) with known effects: a tasked cluster whose incidents
  halve while part of the fall moves next door (displacement), one whose surroundings
  fall too (diffusion of benefits), one with no effect and one with too few incidents
  to judge. ground-truth.json lists their cells, buffers, dates, exact planted counts,
  expected results and patrol visits; the app stores them as taskings when it loads
  the demo data itself.
- Same seed and end date give byte-identical files.

Files
- incidents.csv       ${t.totals.incidents - (t.totals.byCategory['drugs-stop-search'] ?? 0)} incidents, partner CSV format (id,occurred_at,category,lng,lat and flags),
                      occurred_at in London local time, WGS84 lng/lat.
                      The app loads the same data by itself into an empty database (source
                      "demo", flagged as demo). To use the importers instead:
                        npm run import -- study-area study-area.geojson
                        npm run import -- areas --kind ward wards.geojson
                        npm run import -- partner --source demo-csv incidents.csv
                        npm run import -- stop-search stop-and-search.csv
                        npm run import -- cameras cameras.csv
                        npm run import -- population ward-populations.csv
- stop-and-search.csv ${t.totals.byCategory['drugs-stop-search'] ?? 0} drug searches as police.uk publishes stop and search
                      (outcomes, ages and ethnicities drawn with fixed synthetic shares).
- cameras.csv         ${t.cctv.cameras} demo CCTV cameras (id,type,lng,lat,bearing,fieldOfView,rangeMeters,status,installedOn,name;
                      empty where an asset list would leave a value blank), none near the
                      ${t.cctv.blindHotspots.length} planted blind hot spots listed in ground-truth.json.
- ground-truth.json   the planted patterns, planted taskings, the blind hot spots and totals.
- study-area.geojson  the demo borough outline.
- wards.geojson       ${data.wards.length} demo wards tiling the demo borough.
- ward-populations.csv residents of each demo ward, mid-${DEMO_POPULATION_FIRST_YEAR} to mid-${DEMO_POPULATION_LAST_YEAR} (code,year,population):
                      the demo population surface summed over each ward, ${DEMO_BOROUGH_POPULATION.toLocaleString('en-GB')} in all
                      for ${DEMO_POPULATION_LAST_YEAR}, growing 1.5-3.5% a year from west to east. Invented, not ONS figures.
- schools.csv         ${data.schools.length} fictional demo schools (urn,name,phase,lng,lat).

Regenerate: npm run demo-data -- --out <folder> --seed ${t.seed} --end ${t.endDate} --years ${t.years}
See docs/demo-data.md.
`;
}
