// One owner for each table: SQL that reads or writes a table appears in its owner's files
// only, so a table's rules (what a row means, how it is written, what is kept) live in one
// place. Scans the app's source as it is on disk.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const OWNERS: Record<string, string[]> = {
  users: ['server/auth/auth-queries.ts'],
  sessions: ['server/auth/auth-queries.ts'],
  api_tokens: ['server/auth/auth-queries.ts'],
  areas: ['server/areas/area-queries.ts'],
  import_batches: ['server/store/import-batches.ts'],
  incident_chunks: ['server/store/chunk-store.ts', 'server/store/incidents-view.ts'],
  coverage_months: ['server/store/coverage-store.ts'],
  stop_searches: ['server/stop-search/stop-search-store.ts'],
  // Rows of databases older than migration 002, moved into chunks (and the table dropped) as they open.
  legacy_incidents: ['server/store/legacy-incidents.ts'],
  taskings: ['server/taskings/tasking-store.ts'],
  tasking_events: ['server/taskings/tasking-store.ts'],
  tasking_visits: ['server/taskings/tasking-store.ts'],
  tasking_options: ['server/taskings/tasking-store.ts'],
  schools: ['server/schools/school-store.ts'],
  school_calendar_entries: ['server/schools/school-calendar-store.ts'],
  cameras: ['server/cameras/camera-queries.ts'],
  disclosure_rules_log: ['server/public/public-settings.ts'],
  public_priorities: ['server/public/public-settings.ts'],
  populations: ['server/populations/population-queries.ts'],
  patrol_bases: ['server/patrols/patrol-store.ts'],
  patrol_plans: ['server/patrols/patrol-store.ts'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Tables the migrations create or rename into being, less those a later migration renames away. */
function tablesCreated(): string[] {
  const dir = join(ROOT, 'server/db/migrations');
  const sql = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const created = [...sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gi)].map((m) => m[1]!);
  const renames = [...sql.matchAll(/ALTER TABLE (\w+) RENAME TO (\w+)/gi)];
  const renamedAway = renames.map((m) => m[1]!);
  const tables = new Set([...created, ...renames.map((m) => m[2]!)]);
  return [...tables].filter((t) => !renamedAway.includes(t)).sort();
}

describe('table owners', () => {
  const files = ['server', 'scripts']
    .flatMap(sourceFiles)
    .map((path) => ({ path: relative(ROOT, join(ROOT, path)), text: readFileSync(join(ROOT, path), 'utf8') }));

  it('names an owner for every table the migrations create', () => {
    expect(tablesCreated()).toEqual(Object.keys(OWNERS).sort());
  });

  it.each(Object.entries(OWNERS))('%s is read and written in its owner only', (table, owners) => {
    // Any spelling SQLite takes: any case, quoted or not, with or without the schema name.
    const sql = new RegExp(`\\b(FROM|INTO|UPDATE|JOIN|TABLE)\\s+(?:["\`\\[]?main["\`\\]]?\\.)?["\`\\[]?${table}\\b`, 'i');
    const users = files.filter((f) => sql.test(f.text)).map((f) => f.path);
    expect(users.sort()).toEqual([...owners].sort());
  });
});
