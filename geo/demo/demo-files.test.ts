import { splitDemoSearches } from './demo-searches';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../time';
import { groundTruthJson, incidentsCsv, PARTNER_CSV_HEADER, readmeText, schoolsCsv, studyAreaGeoJson, wardsGeoJson } from './demo-files';
import { generateDemoData } from './generate-demo-data';

// A quarter of a year keeps this quick; the format does not depend on the length.
const data = generateDemoData({ endDay: dayNumber(2025, 1, 1), seed: 3, years: 0.25 });

describe('demo files', () => {
  it('write the incidents as partner CSV, one row per incident', () => {
    const lines = incidentsCsv(data.incidents).trimEnd().split('\n');
    expect(lines[0]).toBe(PARTNER_CSV_HEADER);
    expect(PARTNER_CSV_HEADER).toBe('id,occurred_at,category,lng,lat,knife,firearm,corrosive,domestic,hate,victimUnder25,locationType');
    expect(lines).toHaveLength(data.incidents.length + 1);
    const first = data.incidents[0]!;
    expect(lines[1]!.startsWith(`${first.sourceRecordId},${first.occurredAt},${first.category},${first.lng.toFixed(6)},${first.lat.toFixed(6)},`)).toBe(true);
    // Flags: all six Y/N with a location type on flagged categories, all empty on the others.
    for (const line of lines.slice(1))
      expect(line).toMatch(/^DEMO-\d{7},\d{4}-\d\d-\d\dT\d\d:\d\d,[a-z-]+,-?\d+\.\d{6},51\.\d{6},((?:[YN],){6}(public|dwelling)|,{6})$/);
    // Coordinates survive the 6-decimal text exactly.
    for (const i of data.incidents) expect([Number(i.lng.toFixed(6)), Number(i.lat.toFixed(6))]).toEqual([i.lng, i.lat]);
  });

  it('write the schools, study area and wards as CSV and GeoJSON marked demo', () => {
    const schools = schoolsCsv(data).trimEnd().split('\n');
    expect(schools[0]).toBe('urn,name,phase,lng,lat');
    expect(schools).toHaveLength(data.schools.length + 1);
    expect(schools[1]).toMatch(/^9900\d\d,".+ \(demo\)",(Primary|Secondary),-0\.\d{6},51\.\d{6}$/);
    const area = JSON.parse(studyAreaGeoJson(data));
    expect(area.features).toHaveLength(1);
    expect(area.features[0].properties).toEqual({ code: 'demo', name: 'Demo borough (synthetic)', demo: true });
    expect(area.features[0].geometry).toEqual(data.studyArea);
    const wards = JSON.parse(wardsGeoJson(data));
    expect(wards.features).toHaveLength(12);
    for (const f of wards.features) expect(f.properties.demo).toBe(true);
  });

  it('write a ground truth and a README that say the data is synthetic', () => {
    const truth = JSON.parse(groundTruthJson(data));
    expect(truth).toEqual(JSON.parse(JSON.stringify(data.groundTruth)));
    expect(truth.about).toMatch(/^SYNTHETIC DEMO DATA/);
    const readme = readmeText(data);
    expect(readme).toMatch(/^SYNTHETIC DEMO DATA - NOT REAL INCIDENTS/);
    expect(readme).toContain(`Seed 3`);
    const { incidents, searches } = splitDemoSearches(data.incidents);
    expect(readme).toContain(`${incidents.length} incidents`);
    expect(readme).toContain(`${searches.length} drug searches`);
    expect(readme).toContain('npm run demo-data');
  });
});
