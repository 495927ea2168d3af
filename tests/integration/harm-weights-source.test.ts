// The harm weights in geo/harm-weights.ts are traceable: every figure is recomputed here from
// the source table in the repository (docs/data/ons-css-offence-weights.csv), read with
// csv-parse and summed with code of its own, as the volume-weighted mean of the offences' ONS
// Crime Severity Score weights by Metropolitan Police recorded volumes.
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HARM_WEIGHTS } from '../../geo/harm-weights';
import { REPO_ROOT } from './test-support';

interface Row {
  police_uk_category: string;
  ho_code: string;
  css_weight: string;
  volume_met_2017_18: string;
}

const rows = parse(readFileSync(resolve(REPO_ROOT, 'docs/data/ons-css-offence-weights.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];

// police.uk's own names for its types, written out here.
const TYPE_OF_SLUG: Record<string, string> = {
  'bicycle-theft': 'Bicycle theft',
  burglary: 'Burglary',
  'criminal-damage-arson': 'Criminal damage and arson',
  drugs: 'Drugs',
  'other-theft': 'Other theft',
  'possession-of-weapons': 'Possession of weapons',
  'public-order': 'Public order',
  robbery: 'Robbery',
  shoplifting: 'Shoplifting',
  'theft-from-the-person': 'Theft from the person',
  'vehicle-crime': 'Vehicle crime',
  'violent-crime': 'Violence and sexual offences',
  'other-crime': 'Other crime',
};

function meanOf(selected: Row[]) {
  let volume = 0;
  let weighted = 0;
  for (const r of selected) {
    volume += Number(r.volume_met_2017_18);
    weighted += Number(r.volume_met_2017_18) * Number(r.css_weight);
  }
  return { weight: Math.round((weighted / volume) * 100) / 100, volume, offences: selected.length };
}

describe('harm weights from the source table', () => {
  it('holds 128 offences, each with a weight and a police.uk type', () => {
    expect(rows).toHaveLength(128);
    for (const r of rows) {
      expect(Number(r.css_weight)).toBeGreaterThan(0);
      expect(Object.values(TYPE_OF_SLUG)).toContain(r.police_uk_category);
    }
    // Spot checks against the ONS list: homicide 7,973.39; robbery of personal property 799.63.
    expect(Number(rows.find((r) => r.ho_code === '1/4.1/4.10/4.2')!.css_weight)).toBeCloseTo(7973.393423, 6);
    expect(Number(rows.find((r) => r.ho_code === '34B')!.css_weight)).toBeCloseTo(799.63, 2);
  });

  it.each(HARM_WEIGHTS.filter((e) => e.cssWeight !== null).map((e) => [e.slug, e] as const))(
    '%s is the volume-weighted mean of its offences',
    (slug, entry) => {
      const selected =
        entry.offenceCodes === 'all'
          ? rows.filter((r) => r.police_uk_category === TYPE_OF_SLUG[slug])
          : rows.filter((r) => (entry.offenceCodes as readonly string[]).includes(r.ho_code));
      if (entry.offenceCodes !== 'all') expect(selected.map((r) => r.ho_code).sort()).toEqual([...entry.offenceCodes].sort());
      const derived = meanOf(selected);
      expect(entry.cssWeight).toBe(derived.weight);
      expect(entry.metVolume).toBe(derived.volume);
    },
  );
});
