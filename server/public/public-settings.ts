// The public page's settings (issue 15, decision 036), owner of disclosure_rules_log and
// public_priorities: the record of every disclosure rule set the server has run with, and the
// partnership's priorities text with every saved version.
import { readFileSync } from 'node:fs';
import { describeRulesChange, validateDisclosureRules, type DisclosureRules } from '../../geo/disclosure/rules';
import { fail, ok, type Result } from '../../geo/types';
import type { Db } from '../db/open-database';

export interface RulesChange {
  recordedAt: string;
  rules: DisclosureRules;
  source: string;
  description: string[];
}

function lastRecorded(db: Db): RulesChange | null {
  const row = db.prepare('SELECT recorded_at, rules_json, source, description FROM disclosure_rules_log ORDER BY id DESC LIMIT 1').get() as
    { recorded_at: string; rules_json: string; source: string; description: string } | undefined;
  return row ? toChange(row) : null;
}

function toChange(row: { recorded_at: string; rules_json: string; source: string; description: string }): RulesChange {
  const rules = validateDisclosureRules(JSON.parse(row.rules_json));
  // The log holds only rules that passed this check when recorded; a failure is a damaged database.
  if (!rules.ok) throw new Error(`The disclosure rules recorded at ${row.recorded_at} no longer read: ${rules.reason}`);
  return { recordedAt: row.recorded_at, rules: rules.value, source: row.source, description: row.description.split('\n') };
}

/**
 * Records the rules the server starts with when they differ from the last recorded (or nothing is
 * recorded yet), and returns the lines to print: the change, in words, or nothing when unchanged.
 */
export function recordRulesInForce(db: Db, rules: DisclosureRules, source: string, now: Date): string[] {
  const last = lastRecorded(db);
  const changes = last ? describeRulesChange(last.rules, rules) : [];
  if (last && changes.length === 0) return [];
  const description = last ? changes : [`Disclosure rules first recorded (${source === 'defaults' ? 'the safe defaults' : `from ${source}`}).`];
  db.prepare('INSERT INTO disclosure_rules_log (recorded_at, rules_json, source, description) VALUES (?, ?, ?, ?)').run(
    now.toISOString(),
    JSON.stringify(rules),
    source,
    description.join('\n'),
  );
  return last ? [`The disclosure rules changed (${source}):`, ...changes.map((line) => `  ${line}`)] : description;
}

/** Every recorded rule set, newest first. */
export function rulesChanges(db: Db): RulesChange[] {
  const rows = db.prepare('SELECT recorded_at, rules_json, source, description FROM disclosure_rules_log ORDER BY id DESC').all() as {
    recorded_at: string;
    rules_json: string;
    source: string;
    description: string;
  }[];
  return rows.map(toChange);
}

/** Reads a DISCLOSURE_RULES file: JSON with any of the settings; the others keep their safe defaults. */
export function readRulesFile(path: string): Result<DisclosureRules> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail(`cannot read ${path} (${error instanceof Error ? error.message : String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`${path} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const rules = validateDisclosureRules(json);
  return rules.ok ? rules : fail(`${path}: ${rules.reason}`);
}

export interface Priorities {
  markdown: string;
  /** 0: the text shipped with the app, never saved here. */
  version: number;
  savedAt: string | null;
  savedBy: string | null;
}

export const MAX_PRIORITIES_CHARS = 20_000;
const SHIPPED = new URL('../../content/public-priorities.md', import.meta.url);
let shipped: string | null = null;

export function currentPriorities(db: Db): Priorities {
  const row = db.prepare('SELECT version, markdown, saved_at, saved_by FROM public_priorities ORDER BY version DESC LIMIT 1').get() as
    { version: number; markdown: string; saved_at: string; saved_by: string } | undefined;
  if (row) return { markdown: row.markdown, version: row.version, savedAt: row.saved_at, savedBy: row.saved_by };
  shipped ??= readFileSync(SHIPPED, 'utf8');
  return { markdown: shipped, version: 0, savedAt: null, savedBy: null };
}

export type SavePrioritiesFailure = { code: 'stale'; current: Priorities };

/** Saves a new version of the priorities if `version` is still the newest (else 'stale', with the newest). */
export function savePriorities(db: Db, markdown: string, version: number, savedBy: string, now: Date): Result<Priorities, SavePrioritiesFailure> {
  return db
    .transaction((): Result<Priorities, SavePrioritiesFailure> => {
      const current = currentPriorities(db);
      if (current.version !== version) return fail({ code: 'stale', current });
      db.prepare('INSERT INTO public_priorities (version, markdown, saved_at, saved_by) VALUES (?, ?, ?, ?)').run(
        version + 1,
        markdown,
        now.toISOString(),
        savedBy,
      );
      return ok({ markdown, version: version + 1, savedAt: now.toISOString(), savedBy });
    })
    .immediate();
}
