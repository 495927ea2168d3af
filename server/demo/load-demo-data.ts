import type { Db } from '../db/open-database';

// Placeholder until the demo data generator lands (issue 2, demo slice).
export function loadDemoDataIfEmpty(_db: Db, _now: Date): { incidents: number } | null {
  return null;
}
