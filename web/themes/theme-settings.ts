// Which themes the map can draw, and the choices each offers, read from GET /api/themes (the
// one table in geo/themes.ts): defaults and allowed values come from there and nowhere else;
// this module only puts them into words. Pure, so the rules are unit-tested.
import { categoryBySlug } from '../../geo/categories';
import type { IncludeDwellingsParam, SchoolDaysParam, ThemeDefinition, ThemeSetting } from './theme-api';

/**
 * The themes whose layer the page draws, in the order offered. A theme the server lists but
 * the page cannot draw is not offered: add its id here, with its query, layers and panel
 * beside the others in web/themes/.
 */
export const DRAWN_THEME_IDS = ['schools-robbery', 'drug-markets', 'serious-violence'] as const;
export type DrawnThemeId = (typeof DRAWN_THEME_IDS)[number];

export function isDrawnThemeId(id: string): id is DrawnThemeId {
  return DRAWN_THEME_IDS.some((known) => known === id);
}

/** The server's themes the page can draw, in the server's order. */
export function drawnThemes(themes: readonly ThemeDefinition[]): (ThemeDefinition & { id: DrawnThemeId })[] {
  return themes.filter((t): t is ThemeDefinition & { id: DrawnThemeId } => isDrawnThemeId(t.id));
}

export interface Option<T> {
  value: T;
  label: string;
}

function settingOf(theme: ThemeDefinition, parameter: string): ThemeSetting | undefined {
  return theme.settings.find((s) => s.parameter === parameter);
}

function rangeOf(setting: ThemeSetting): { min: number; max: number } | null {
  const allowed = setting.allowed;
  return Array.isArray(allowed) ? null : 'min' in allowed ? allowed : null;
}

function listOf(setting: ThemeSetting): readonly string[] {
  const allowed = setting.allowed;
  return Array.isArray(allowed) ? allowed : [];
}

/** The step of the distance choices: fine enough for a street, few enough to read in a list. */
const BUFFER_STEP_METERS = 100;

/** Distances from the setting's range in steps of 100 m, its default included. */
export function bufferOptions(setting: ThemeSetting): Option<number>[] {
  const range = rangeOf(setting);
  const fallback = Number(setting.default);
  const values = new Set<number>(Number.isFinite(fallback) ? [fallback] : []);
  if (range) for (let m = Math.ceil(range.min / BUFFER_STEP_METERS) * BUFFER_STEP_METERS; m <= range.max; m += BUFFER_STEP_METERS) values.add(m);
  const unit = setting.unit ?? 'metres';
  return [...values].sort((a, b) => a - b).map((value) => ({ value, label: `${value.toLocaleString('en-GB')} ${unit}` }));
}

/** '15-18' as '15:00–18:00'; anything else as given. */
export function hoursInWords(hours: string): string {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(hours.trim());
  return m ? `${m[1]!.padStart(2, '0')}:00–${m[2]!.padStart(2, '0')}:00` : hours;
}

export const ANY_HOURS = 'any';

/** The theme's band (its default) or any time. */
export function hoursOptions(setting: ThemeSetting): Option<string>[] {
  const band = String(setting.default);
  return [
    { value: band, label: `After school, ${hoursInWords(band)}` },
    { value: ANY_HOURS, label: 'Any time of day' },
  ];
}

const SCHOOL_DAYS_WORDS: Readonly<Record<SchoolDaysParam, string>> = {
  only: 'School days only',
  exclude: 'Other days only (weekends and holidays)',
  any: 'Any day',
};

export function isSchoolDaysParam(value: string): value is SchoolDaysParam {
  return Object.hasOwn(SCHOOL_DAYS_WORDS, value);
}

/** The school-day choices the setting allows, in its order, in words. */
export function schoolDaysOptions(setting: ThemeSetting): Option<SchoolDaysParam>[] {
  return listOf(setting)
    .filter(isSchoolDaysParam)
    .map((value) => ({ value, label: SCHOOL_DAYS_WORDS[value] }));
}

export function schoolDaysInWords(value: string): string {
  return isSchoolDaysParam(value) ? SCHOOL_DAYS_WORDS[value] : value;
}

/** 'Theft from the person' → 'theft from the person'; 'ASB reports' stays as it is. */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/** 'Robbery and theft from the person' from category slugs. */
export function categoriesInWords(categories: readonly string[]): string {
  const labels = categories.map((slug) => categoryBySlug(slug)?.label ?? slug);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${lowerFirst(labels.at(-1)!)}`;
}

/** The theme's own categories, and (when it allows more) all it allows. */
export function categoryOptions(theme: ThemeDefinition): Option<string>[] {
  const own = [...theme.categories];
  const all = [...theme.selectableCategories];
  const options = [{ value: own.join(','), label: categoriesInWords(own) }];
  if (all.join(',') !== own.join(',')) options.push({ value: all.join(','), label: categoriesInWords(all) });
  return options;
}

export interface SchoolsChoice {
  bufferMeters: number;
  hours: string;
  schoolDays: SchoolDaysParam;
  categories: string[];
}

export interface SchoolsSettings {
  buffer: { label: string; options: Option<number>[] };
  hours: { label: string; options: Option<string>[] };
  schoolDays: { label: string; options: Option<SchoolDaysParam>[] };
  categories: { label: string; options: Option<string>[] };
  defaults: SchoolsChoice;
}

/** The robbery-near-schools choices and defaults, from the theme's settings; null when a setting is missing. */
export function schoolsSettingsOf(theme: ThemeDefinition): SchoolsSettings | null {
  const buffer = settingOf(theme, 'bufferMeters');
  const hours = settingOf(theme, 'hours');
  const schoolDays = settingOf(theme, 'schoolDays');
  if (!buffer || !hours || !schoolDays) return null;
  const schoolDaysDefault = String(schoolDays.default);
  if (!isSchoolDaysParam(schoolDaysDefault)) return null;
  return {
    buffer: { label: buffer.label, options: bufferOptions(buffer) },
    hours: { label: hours.label, options: hoursOptions(hours) },
    schoolDays: { label: schoolDays.label, options: schoolDaysOptions(schoolDays) },
    categories: { label: 'What to count', options: categoryOptions(theme) },
    defaults: {
      bufferMeters: Number(buffer.default),
      hours: String(hours.default),
      schoolDays: schoolDaysDefault,
      categories: [...theme.categories],
    },
  };
}

const DWELLINGS_WORDS: Readonly<Record<IncludeDwellingsParam, string>> = {
  exclude: 'Left out (the tasking view)',
  include: 'Counted',
};

export function isIncludeDwellingsParam(value: string): value is IncludeDwellingsParam {
  return Object.hasOwn(DWELLINGS_WORDS, value);
}

export interface ViolenceChoice {
  includeDwellings: IncludeDwellingsParam;
  categories: string[];
}

export interface ViolenceSettings {
  dwellings: { label: string; options: Option<IncludeDwellingsParam>[] };
  categories: { label: string; options: Option<string>[] };
  defaults: ViolenceChoice;
}

/**
 * The partnership's offence groups are too many to name in a select ("Serious violence (partner),
 * Knife crime (partner), ..."): the theme's own, or with what may be added, named.
 */
export function violenceCategoryOptions(theme: ThemeDefinition): Option<string>[] {
  const own = [...theme.categories];
  const extra = theme.selectableCategories.filter((c) => !own.includes(c));
  const options = [{ value: own.join(','), label: "The partnership's offences" }];
  if (extra.length > 0) options.push({ value: [...own, ...extra].join(','), label: `The partnership's offences and ${lowerFirst(categoriesInWords(extra))}` });
  return options;
}

/** The serious-violence choices and defaults, from the theme's settings; null when a setting is missing. */
export function violenceSettingsOf(theme: ThemeDefinition): ViolenceSettings | null {
  const dwellings = settingOf(theme, 'includeDwellings');
  if (!dwellings) return null;
  const fallback = String(dwellings.default);
  if (!isIncludeDwellingsParam(fallback)) return null;
  return {
    dwellings: {
      label: dwellings.label,
      options: listOf(dwellings)
        .filter(isIncludeDwellingsParam)
        .map((value) => ({ value, label: DWELLINGS_WORDS[value] })),
    },
    categories: { label: 'Offences counted', options: violenceCategoryOptions(theme) },
    defaults: { includeDwellings: fallback, categories: [...theme.categories] },
  };
}
