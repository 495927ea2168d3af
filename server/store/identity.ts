// Identity and deduplication: re-importing a file, or a file that overlaps an earlier one,
// stores nothing twice (docs/decisions/003-idempotent-import.md).
import type { Db } from '../db/open-database';
import { readOverlappingChunks } from './chunk-store';
import type { ImportKind } from './import-types';
import type { IncidentRows, LocatedRows } from './incident-columns';

/**
 * The identity under which a row is imported idempotently. police.uk rows are keyed by
 * content (month, category, snap point) because the same crime appears with and without a
 * Crime ID in different extracts; partner rows by their reference when they have one.
 */
export function identityOf(
  kind: ImportKind,
  id: string | null | undefined,
  category: number,
  precision: number,
  startDay: number,
  minuteOfDay: number,
  lng: number,
  lat: number,
): string {
  if (kind === 'partner' && id) return `id:${id}`;
  return `${startDay}|${precision}|${minuteOfDay}|${category}|${lng.toFixed(6)}|${lat.toFixed(6)}`;
}

export interface DedupInput {
  kind: ImportKind;
  source: string;
  rows: IncidentRows;
  located: LocatedRows;
  /** 1 for each row still to be stored; rows found stored already are set to 0. */
  keep: Uint8Array;
  /** The kept rows' days, [firstDay, lastDay): only stored chunks overlapping them are read. */
  firstDay: number;
  lastDay: number;
}

/**
 * Unmarks in `keep` the rows already stored under the same source and identity, and returns
 * how many. Rows sharing an identity are a multiset: a file with two identical rows over a
 * store holding one of them adds the second. Call inside the import's transaction.
 */
export function dropStoredCopies(db: Db, input: DedupInput): number {
  const { kind, rows, located, keep } = input;
  if (input.firstDay > input.lastDay) return 0;
  const stored = new Map<string, number>();
  for (const chunk of readOverlappingChunks(db, input.source, input.firstDay, input.lastDay)) {
    for (let j = 0; j < chunk.length; j++) {
      const key = identityOf(
        kind,
        chunk.sourceRecordId.at(j),
        chunk.category[j]!,
        chunk.precision[j]!,
        chunk.startDay[j]!,
        chunk.minuteOfDay[j]!,
        chunk.lng[j]!,
        chunk.lat[j]!,
      );
      stored.set(key, (stored.get(key) ?? 0) + 1);
    }
  }
  if (stored.size === 0) return 0;
  let dropped = 0;
  for (let i = 0; i < rows.length; i++) {
    if (keep[i] === 0) continue;
    const key = identityOf(
      kind,
      rows.sourceRecordId.at(i),
      rows.category[i]!,
      rows.precision[i]!,
      rows.startDay[i]!,
      rows.minuteOfDay[i]!,
      located.lng[i]!,
      located.lat[i]!,
    );
    const copies = stored.get(key);
    if (copies !== undefined && copies > 0) {
      stored.set(key, copies - 1);
      keep[i] = 0;
      dropped += 1;
    }
  }
  return dropped;
}
