// What every request asks of the database before it answers (is the index current, which data
// version is this, who holds this token) changes only when the database does. SQLite says
// when that may have happened: `data_version` moves when another connection (a CLI import,
// the compute worker, another server) commits, and `total_changes()` when this connection
// writes. Answers computed from the database are kept until either moves (decision 022).
import { prepared } from './statement-cache';
import type { Db } from './open-database';

/**
 * Reading `data_version` takes a few microseconds (it looks at the write-ahead log); it is read
 * at most once per turn of the event loop, so the requests that arrive together share one
 * reading. A commit elsewhere during that turn is seen on the next, as a commit during a
 * request would be. `total_changes()` is read every time (it is a counter in memory).
 */
let othersThisTurn = new WeakMap<Db, number>();
let clearScheduled = false;

function othersVersion(db: Db): number {
  let version = othersThisTurn.get(db);
  if (version === undefined) {
    version = prepared(db, 'PRAGMA data_version').pluck().get() as number;
    othersThisTurn.set(db, version);
    if (!clearScheduled) {
      clearScheduled = true;
      setImmediate(() => {
        clearScheduled = false;
        othersThisTurn = new WeakMap();
      });
    }
  }
  return version;
}

/** Changes whenever the database may have changed since the last call on this connection (but see othersVersion). */
export function changeStamp(db: Db): string {
  return `${prepared(db, 'SELECT total_changes()').pluck().get() as number}:${othersVersion(db)}`;
}

interface Memo {
  stamp: string;
  values: Map<string, unknown>;
}

const memos = new WeakMap<Db, Memo>();
/** Keys include unknown API tokens: a bound keeps a stream of made-up ones from growing the memo. */
const MAX_KEYS = 1024;

/**
 * `compute()`, or the value it gave for `key` when the database was last unchanged. `compute`
 * must read only the database (the same key always asks the same question).
 */
export function sinceLastChange<T>(db: Db, key: string, compute: () => T): T {
  const stamp = changeStamp(db);
  let memo = memos.get(db);
  if (!memo || memo.stamp !== stamp) memos.set(db, (memo = { stamp, values: new Map() }));
  if (memo.values.has(key)) return memo.values.get(key) as T;
  if (memo.values.size >= MAX_KEYS) memo.values.clear();
  const value = compute();
  // compute() may itself write (and so move the stamp): keep its answer under the stamp after it.
  const after = changeStamp(db);
  if (after !== stamp) memos.set(db, (memo = { stamp: after, values: new Map() }));
  memo.values.set(key, value);
  return value;
}

/** How many answers are kept for this connection now (for tests of the bound). */
export function keptAnswerCount(db: Db): number {
  return memos.get(db)?.values.size ?? 0;
}
