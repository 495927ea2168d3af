// Everything a database file holds, for tests that compare two files row for row (a backup
// and its source) or one file before and after a crash; and what a WAL file holds.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Db } from '../../server/db/open-database';

export interface DatabaseRows {
  schemaVersion: number;
  /** Every table (SQLite's own aside), its rows in rowid order, each as one line of JSON. */
  tables: Record<string, string[]>;
  /** The `incidents` view (registered by openDatabase), by id. */
  incidents: string[];
}

/**
 * A row as one line of JSON, a blob as its length and SHA-256 (chunk blobs run to megabytes).
 * Lines compare far faster than objects when there are 100,000s.
 */
function rowLine(row: unknown[]): string {
  return JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? `blob ${v.length} ${createHash('sha256').update(v).digest('hex')}` : v)));
}

export function allRows(db: Db): DatabaseRows {
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const tables: Record<string, string[]> = {};
  for (const name of names) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const withoutRowid = /WITHOUT\s+ROWID/i.test(String(db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(name)));
    const columns = (db.pragma(`table_info(${quoted})`) as { name: string }[]).map((c) => c.name);
    const order = withoutRowid ? columns.map((_, i) => i + 1).join(', ') : 'rowid';
    tables[name] = [JSON.stringify(columns), ...(db.prepare(`SELECT * FROM ${quoted} ORDER BY ${order}`).raw().all() as unknown[][]).map(rowLine)];
  }
  return {
    schemaVersion: Number(db.pragma('user_version', { simple: true })),
    tables,
    incidents: (db.prepare('SELECT * FROM incidents ORDER BY id').raw().all() as unknown[][]).map(rowLine),
  };
}

export function integrityCheck(db: Db): string[] {
  return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
}

export interface WalFrames {
  /** Frames of the current WAL generation (salts as in the header). */
  frames: number;
  /** Of those, frames after the last commit frame: written by a transaction that never committed. */
  uncommitted: number;
}

/**
 * Reads a WAL file's frame headers (sqlite.org/fileformat2.html#walformat): 32-byte header,
 * then frames of a 24-byte header and a page; a frame whose second word is non-zero ends a
 * commit. Read before anything opens the database again (opening may reset the WAL).
 */
export function walFrames(path: string): WalFrames {
  const wal = readFileSync(path);
  if (wal.length < 32) return { frames: 0, uncommitted: 0 };
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let frames = 0;
  let lastCommit = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    frames += 1;
    if (wal.readUInt32BE(at + 4) !== 0) lastCommit = frames;
  }
  return { frames, uncommitted: frames - lastCommit };
}
