import { describe, expect, it } from 'vitest';
import { THEMES } from '../../geo/themes';
import type { ThemeDefinition } from './theme-api';
import {
  bufferOptions,
  categoryOptions,
  drawnThemes,
  hoursInWords,
  lowerFirst,
  schoolDaysOptions,
  schoolsSettingsOf,
  violenceSettingsOf,
} from './theme-settings';

// The served table is geo/themes.ts as JSON: the same data the page receives.
const served = JSON.parse(JSON.stringify(THEMES)) as ThemeDefinition[];
const schools = served.find((t) => t.id === 'schools-robbery')!;

describe('theme settings', () => {
  it('offers only the themes whose layer the page draws, in the served order', () => {
    expect(drawnThemes(served).map((t) => t.id)).toEqual(['schools-robbery', 'drug-markets', 'serious-violence']);
    expect(drawnThemes([...served].reverse()).map((t) => t.id)).toEqual(['serious-violence', 'drug-markets', 'schools-robbery']);
    expect(drawnThemes([...served, { ...schools, id: 'cctv' as ThemeDefinition['id'] }]).map((t) => t.id)).not.toContain('cctv');
  });

  it('takes every default and allowed value from the served settings', () => {
    const settings = schoolsSettingsOf(schools)!;
    expect(settings.defaults).toEqual({ bufferMeters: 400, hours: '15-18', schoolDays: 'only', categories: ['robbery'] });
    expect(settings.buffer.label).toBe('Distance from a school');
    expect(settings.buffer.options[0]).toEqual({ value: 100, label: '100 metres' });
    expect(settings.buffer.options.at(-1)).toEqual({ value: 1000, label: '1,000 metres' });
    expect(settings.hours.options).toEqual([
      { value: '15-18', label: 'After school, 15:00–18:00' },
      { value: 'any', label: 'Any time of day' },
    ]);
    expect(settings.schoolDays.options.map((o) => o.value)).toEqual(['only', 'exclude', 'any']);
    expect(settings.categories.options).toEqual([
      { value: 'robbery', label: 'Robbery' },
      { value: 'robbery,theft-from-the-person', label: 'Robbery and theft from the person' },
    ]);
  });

  it('follows a changed table without a change of its own', () => {
    const changed: ThemeDefinition = {
      ...schools,
      categories: ['theft-from-the-person'],
      settings: schools.settings.map((s) =>
        s.parameter === 'bufferMeters'
          ? { ...s, default: 250, allowed: { min: 200, max: 500 } }
          : s.parameter === 'schoolDays'
            ? { ...s, default: 'any', allowed: ['any', 'only', 'someday'] }
            : s.parameter === 'hours'
              ? { ...s, default: '14-17' }
              : s,
      ),
    };
    const settings = schoolsSettingsOf(changed)!;
    expect(settings.defaults).toEqual({ bufferMeters: 250, hours: '14-17', schoolDays: 'any', categories: ['theft-from-the-person'] });
    expect(settings.buffer.options.map((o) => o.value)).toEqual([200, 250, 300, 400, 500]);
    expect(settings.hours.options[0]!.label).toBe('After school, 14:00–17:00');
    // A value the page has no words for is not offered rather than shown as a parameter value.
    expect(settings.schoolDays.options.map((o) => o.value)).toEqual(['any', 'only']);
    expect(categoryOptions(changed).map((o) => o.label)).toEqual(['Theft from the person', 'Robbery and theft from the person']);
  });

  it('leaves out domestic abuse at home by default for serious violence, and names the offence choices in words', () => {
    const violence = served.find((t) => t.id === 'serious-violence')!;
    const settings = violenceSettingsOf(violence)!;
    expect(settings.defaults).toEqual({
      includeDwellings: 'exclude',
      categories: ['serious-violence', 'knife-crime', 'violent-crime', 'possession-of-weapons'],
    });
    expect(settings.dwellings).toEqual({
      label: 'Domestic abuse inside homes',
      options: [
        { value: 'exclude', label: 'Left out (the tasking view)' },
        { value: 'include', label: 'Counted' },
      ],
    });
    expect(settings.categories.options).toEqual([
      { value: 'serious-violence,knife-crime,violent-crime,possession-of-weapons', label: "The partnership's offences" },
      { value: 'serious-violence,knife-crime,violent-crime,possession-of-weapons,robbery', label: "The partnership's offences and robbery" },
    ]);
    expect(violenceSettingsOf({ ...violence, settings: [] })).toBeNull();
  });

  it('gives no choices when a setting is missing', () => {
    expect(schoolsSettingsOf({ ...schools, settings: schools.settings.filter((s) => s.parameter !== 'hours') })).toBeNull();
  });

  it('says hours and lists in words', () => {
    expect(hoursInWords('15-18')).toBe('15:00–18:00');
    expect(hoursInWords('7-9')).toBe('07:00–09:00');
    expect(lowerFirst('Drug offences')).toBe('drug offences');
    expect(lowerFirst('ASB reports')).toBe('ASB reports');
    expect(bufferOptions({ parameter: 'bufferMeters', label: 'x', default: 400, allowed: ['a'] })).toEqual([{ value: 400, label: '400 metres' }]);
    expect(schoolDaysOptions({ parameter: 'schoolDays', label: 'x', default: 'only', allowed: { min: 0, max: 1 } })).toEqual([]);
  });
});
