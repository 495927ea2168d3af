// Flags a partner record may carry beside its category (police CAD/CRIS and council systems mark
// knife, domestic and hate crime; police.uk open data carries none), as the Serious Violence Duty
// theme needs them (geo/themes.ts; docs/decisions/027-serious-violence-flags.md).
//
// Each incident keeps them in one 16-bit code, which is also how the incident chunks store them
// (docs/store-format.md, format 2):
//   bits 0-5   the flag is true (knife, firearm, corrosive, domestic, hate, victimUnder25, in that order)
//   bits 6-11  the flag is recorded (true or false); a flag not recorded is neither true nor false
//   bits 12-13 location type: 0 not recorded, 1 public, 2 private, 3 dwelling
//   bit 14     the record comes from a file that carries flag columns: the partnership's own
//              definition can be applied to it (the theme's partner definition counts these only)
// A code of 0 is "nothing recorded": every police.uk record and every chunk stored before flags.
import { fail, ok, type Result } from './types';

export const FLAG_NAMES = ['knife', 'firearm', 'corrosive', 'domestic', 'hate', 'victimUnder25'] as const;
export type FlagName = (typeof FLAG_NAMES)[number];

export const LOCATION_TYPES = ['public', 'private', 'dwelling'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

/** What a record says; a missing key is "not recorded". */
export interface IncidentFlags {
  knife?: boolean;
  firearm?: boolean;
  corrosive?: boolean;
  domestic?: boolean;
  hate?: boolean;
  victimUnder25?: boolean;
  locationType?: LocationType;
  /** The record comes from a file with flag columns (set by the importer, not read from a column). */
  flagged?: boolean;
}

const RECORDED_SHIFT = 6;
const LOCATION_SHIFT = 12;
export const FLAGGED_SOURCE_BIT = 1 << 14;

/** The bit of a flag's "true" value. */
export function flagBit(name: FlagName): number {
  return 1 << FLAG_NAMES.indexOf(name);
}

/** A mask of the "true" bits of some flags. */
export function flagMask(names: readonly FlagName[]): number {
  return names.reduce((mask, name) => mask | flagBit(name), 0);
}

export function locationTypeCode(type: LocationType): number {
  return LOCATION_TYPES.indexOf(type) + 1;
}

/** The location type in a code, or null when not recorded. */
export function locationTypeOf(code: number): LocationType | null {
  const k = (code >>> LOCATION_SHIFT) & 3;
  return k === 0 ? null : LOCATION_TYPES[k - 1]!;
}

export function encodeFlags(flags: IncidentFlags | undefined): number {
  if (!flags) return 0;
  let code = flags.flagged ? FLAGGED_SOURCE_BIT : 0;
  FLAG_NAMES.forEach((name, k) => {
    const value = flags[name];
    if (value === undefined) return;
    code |= 1 << (k + RECORDED_SHIFT);
    if (value) code |= 1 << k;
  });
  if (flags.locationType) code |= locationTypeCode(flags.locationType) << LOCATION_SHIFT;
  return code;
}

export function decodeFlags(code: number): IncidentFlags {
  const flags: IncidentFlags = {};
  FLAG_NAMES.forEach((name, k) => {
    if (code & (1 << (k + RECORDED_SHIFT))) flags[name] = (code & (1 << k)) !== 0;
  });
  const location = locationTypeOf(code);
  if (location) flags.locationType = location;
  if (code & FLAGGED_SOURCE_BIT) flags.flagged = true;
  return flags;
}

/** Sets one flag in a code (recorded, and true or false). */
export function withFlag(code: number, name: FlagName, value: boolean): number {
  const k = FLAG_NAMES.indexOf(name);
  const recorded = code | (1 << (k + RECORDED_SHIFT));
  return value ? recorded | (1 << k) : recorded & ~(1 << k);
}

export function withLocationType(code: number, type: LocationType): number {
  return (code & ~(3 << LOCATION_SHIFT)) | (locationTypeCode(type) << LOCATION_SHIFT);
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);
export const FLAG_VALUE_WORDS = 'true/false, yes/no, Y/N or 1/0';

/** A flag cell: true, false, or null when empty (not recorded); anything else is an error to fix. */
export function parseFlagValue(text: string, column: string): Result<boolean | null, string> {
  const word = text.trim().toLowerCase();
  if (word === '') return ok(null);
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail(`${column} "${text.trim().slice(0, 40)}" is not a yes/no value; write ${FLAG_VALUE_WORDS}, or leave it empty when it was not recorded`);
}

/** A location type cell: public, private or dwelling; null when empty (not recorded). */
export function parseLocationType(text: string, column: string): Result<LocationType | null, string> {
  const word = text.trim().toLowerCase();
  if (word === '') return ok(null);
  const type = LOCATION_TYPES.find((t) => t === word);
  if (type) return ok(type);
  return fail(`${column} "${text.trim().slice(0, 40)}" is not a location type; write ${LOCATION_TYPES.join(', ')}, or leave it empty when it was not recorded`);
}

/**
 * Which incidents a window keeps beyond its categories. An incident is kept when its category is
 * one of the window's, or it carries any flag of `anyFlags` (whatever its category); then it is
 * dropped again when `onlyFlaggedSources` is set and its record carries no flag columns, or its
 * location type is one of `excludeLocationTypes`. Plain data, so it crosses to the compute worker.
 */
export interface FlagRule {
  /** Mask of flag "true" bits (flagMask). */
  anyFlags: number;
  /** Location types left out (a record whose location type is not recorded is never left out). */
  excludeLocationTypes: readonly LocationType[];
  onlyFlaggedSources: boolean;
}

/** The rule as numbers for a scan loop: the location codes to drop as a 4-entry table. */
export interface CompiledFlagRule {
  anyFlags: number;
  dropLocation: Uint8Array;
  onlyFlaggedSources: boolean;
}

export function compileFlagRule(rule: FlagRule): CompiledFlagRule {
  const dropLocation = new Uint8Array(4);
  for (const type of rule.excludeLocationTypes) dropLocation[locationTypeCode(type)] = 1;
  return { anyFlags: rule.anyFlags, dropLocation, onlyFlaggedSources: rule.onlyFlaggedSources };
}

/** Whether the rule keeps an incident whose category is (or is not) among the window's. */
export function flagRuleKeeps(rule: CompiledFlagRule, code: number, categoryWanted: boolean): boolean {
  if (!categoryWanted && (code & rule.anyFlags) === 0) return false;
  if (rule.onlyFlaggedSources && (code & FLAGGED_SOURCE_BIT) === 0) return false;
  return rule.dropLocation[(code >>> LOCATION_SHIFT) & 3] === 0;
}
