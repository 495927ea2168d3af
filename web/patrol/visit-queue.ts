// The phone's own record of a patrol plan (decision 038), kept in local storage so no tap is lost
// to a reload, a dead signal or a flat battery: the stop the officer is at (the Arrived time) and
// every finished visit, with its original times, a reference of its own (clientRef, so the server
// stores it once however often it is sent) and whether the server has it yet. Every change is
// written before anything is sent.

/** The browser's localStorage, or a stand-in in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface FinishedVisit {
  /** The plan visit (stop) it was, by its index in the plan's visits. */
  stopIndex: number;
  taskingId: number;
  /** Instants, ISO 8601 with Z, as the phone's clock read them at the taps. */
  startedAt: string;
  endedAt: string;
  clientRef: string;
  /** waiting: not yet stored by the server; sent: stored; refused: the server said why not (message). */
  status: 'waiting' | 'sent' | 'refused';
  message?: string;
}

export interface PhoneRecord {
  arrived: { stopIndex: number; taskingId: number; startedAt: string; clientRef: string } | null;
  finished: FinishedVisit[];
}

const EMPTY: PhoneRecord = { arrived: null, finished: [] };

export const storageKey = (planId: number) => `tasking-map.patrol-plan.${planId}`;

const isString = (v: unknown): v is string => typeof v === 'string';
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function finishedOf(value: unknown): FinishedVisit | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (!isIndex(v['stopIndex']) || !isIndex(v['taskingId']) || !isString(v['startedAt']) || !isString(v['endedAt']) || !isString(v['clientRef'])) return null;
  const status = v['status'] === 'sent' || v['status'] === 'refused' ? v['status'] : 'waiting';
  return {
    stopIndex: v['stopIndex'],
    taskingId: v['taskingId'],
    startedAt: v['startedAt'],
    endedAt: v['endedAt'],
    clientRef: v['clientRef'],
    status,
    ...(isString(v['message']) ? { message: v['message'] } : {}),
  };
}

/** What the phone holds for a plan; an unreadable record reads as empty rather than breaking the page. */
export function readRecord(store: KeyValueStore, planId: number): PhoneRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(store.getItem(storageKey(planId)) ?? 'null');
  } catch {
    return EMPTY;
  }
  if (!parsed || typeof parsed !== 'object') return EMPTY;
  const p = parsed as Record<string, unknown>;
  const a = p['arrived'] as Record<string, unknown> | null | undefined;
  const arrived =
    a && isIndex(a['stopIndex']) && isIndex(a['taskingId']) && isString(a['startedAt']) && isString(a['clientRef'])
      ? { stopIndex: a['stopIndex'], taskingId: a['taskingId'], startedAt: a['startedAt'], clientRef: a['clientRef'] }
      : null;
  const finished = Array.isArray(p['finished']) ? p['finished'].map(finishedOf).filter((f): f is FinishedVisit => f !== null) : [];
  return { arrived, finished };
}

export function writeRecord(store: KeyValueStore, planId: number, record: PhoneRecord): void {
  store.setItem(storageKey(planId), JSON.stringify(record));
}

/** Arrived at a stop: the start time is kept until Leaving. */
export function arrive(record: PhoneRecord, stop: { stopIndex: number; taskingId: number }, at: Date, clientRef: string): PhoneRecord {
  return { ...record, arrived: { ...stop, startedAt: at.toISOString(), clientRef } };
}

/** Leaving: the visit is finished and waits to be sent. */
export function leave(record: PhoneRecord, at: Date): PhoneRecord {
  if (!record.arrived) return record;
  const { stopIndex, taskingId, startedAt, clientRef } = record.arrived;
  // Should the phone's clock step back between the taps, the visit still ends after it began (the server insists).
  const endedAt = new Date(Math.max(at.getTime(), Date.parse(startedAt) + 1_000)).toISOString();
  return { arrived: null, finished: [...record.finished, { stopIndex, taskingId, startedAt, endedAt, clientRef, status: 'waiting' }] };
}

/** The record after the server answered for one visit. */
export function settle(record: PhoneRecord, clientRef: string, outcome: { status: 'sent' } | { status: 'refused'; message: string }): PhoneRecord {
  return {
    ...record,
    finished: record.finished.map((f) =>
      f.clientRef !== clientRef ? f : outcome.status === 'sent' ? { ...f, status: 'sent' as const, message: undefined } : { ...f, ...outcome },
    ),
  };
}

export const waitingVisits = (record: PhoneRecord) => record.finished.filter((f) => f.status === 'waiting');

/** The stop to go to next: the one the officer is at, else the first stop of the plan not yet finished; null when all are done. */
export function nextStopIndex(record: PhoneRecord, stops: number): number | null {
  if (record.arrived) return record.arrived.stopIndex;
  const done = new Set(record.finished.map((f) => f.stopIndex));
  for (let i = 0; i < stops; i++) if (!done.has(i)) return i;
  return null;
}

/** What waits to be sent, in words for the officer; null when nothing does. */
export function waitingMessage(count: number, online: boolean): string | null {
  if (count === 0) return null;
  const what = `${count} visit${count === 1 ? '' : 's'} waiting to send`;
  return online ? `${what}: sending now, and again every 30 seconds until the server has them.` : `${what}: they will go when the phone is back online.`;
}

/** A reference for a visit: crypto.randomUUID where the page is a secure context (https, localhost), random bytes otherwise. */
export function newClientRef(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
