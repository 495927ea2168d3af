// The phone's record of a plan: taps survive a reload (a new read of the store), finished visits
// keep their original times and reference until the server has them, and the words say what waits.
import { describe, expect, it } from 'vitest';
import { arrive, leave, nextStopIndex, readRecord, settle, storageKey, waitingMessage, waitingVisits, writeRecord, type KeyValueStore } from './visit-queue';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('the phone record of a patrol plan', () => {
  it('keeps an Arrived tap and the finished visit across reads, with the times of the taps', () => {
    const store = memoryStore();
    let record = readRecord(store, 7);
    expect(record).toEqual({ arrived: null, finished: [] });
    record = arrive(record, { stopIndex: 0, taskingId: 41 }, new Date('2026-06-12T15:05:10Z'), 'ref-a');
    writeRecord(store, 7, record);
    // A reload reads the same.
    expect(readRecord(store, 7).arrived).toEqual({ stopIndex: 0, taskingId: 41, startedAt: '2026-06-12T15:05:10.000Z', clientRef: 'ref-a' });
    expect(nextStopIndex(readRecord(store, 7), 3)).toBe(0);
    record = leave(readRecord(store, 7), new Date('2026-06-12T15:19:40Z'));
    writeRecord(store, 7, record);
    const again = readRecord(store, 7);
    expect(again.arrived).toBeNull();
    expect(again.finished).toEqual([
      { stopIndex: 0, taskingId: 41, startedAt: '2026-06-12T15:05:10.000Z', endedAt: '2026-06-12T15:19:40.000Z', clientRef: 'ref-a', status: 'waiting' },
    ]);
    expect(nextStopIndex(again, 3)).toBe(1);
    // Another plan's record is its own.
    expect(readRecord(store, 8)).toEqual({ arrived: null, finished: [] });
    expect([...store.data.keys()]).toEqual([storageKey(7)]);
  });

  it('marks a visit sent or refused only by its own reference, and counts what waits', () => {
    let record = leave(
      arrive({ arrived: null, finished: [] }, { stopIndex: 0, taskingId: 1 }, new Date('2026-06-12T15:00:00Z'), 'a'),
      new Date('2026-06-12T15:12:00Z'),
    );
    record = leave(arrive(record, { stopIndex: 1, taskingId: 2 }, new Date('2026-06-12T15:30:00Z'), 'b'), new Date('2026-06-12T15:45:00Z'));
    record = leave(arrive(record, { stopIndex: 2, taskingId: 1 }, new Date('2026-06-12T16:30:00Z'), 'c'), new Date('2026-06-12T16:45:00Z'));
    expect(waitingVisits(record).map((f) => f.clientRef)).toEqual(['a', 'b', 'c']);
    record = settle(record, 'b', { status: 'sent' });
    record = settle(record, 'c', { status: 'refused', message: 'Tasking 1 was closed.' });
    expect(waitingVisits(record).map((f) => f.clientRef)).toEqual(['a']);
    expect(record.finished.map((f) => [f.clientRef, f.status, f.message ?? null])).toEqual([
      ['a', 'waiting', null],
      ['b', 'sent', null],
      ['c', 'refused', 'Tasking 1 was closed.'],
    ]);
    expect(nextStopIndex(record, 3)).toBeNull();
  });

  it('never ends a visit before it began, and Leaving without Arrived changes nothing', () => {
    const started = arrive({ arrived: null, finished: [] }, { stopIndex: 0, taskingId: 1 }, new Date('2026-06-12T15:00:00Z'), 'a');
    // The phone's clock stepped back between the taps.
    expect(leave(started, new Date('2026-06-12T14:58:00Z')).finished[0]!.endedAt).toBe('2026-06-12T15:00:01.000Z');
    const empty = { arrived: null, finished: [] };
    expect(leave(empty, new Date())).toBe(empty);
  });

  it('reads a damaged record as empty, and a record with a bad entry without it', () => {
    const store = memoryStore();
    store.setItem(storageKey(3), '{not json');
    expect(readRecord(store, 3)).toEqual({ arrived: null, finished: [] });
    store.setItem(
      storageKey(3),
      JSON.stringify({
        arrived: { stopIndex: -1 },
        finished: [{ stopIndex: 0 }, { stopIndex: 1, taskingId: 2, startedAt: 'x', endedAt: 'y', clientRef: 'r', status: 'sent' }],
      }),
    );
    expect(readRecord(store, 3)).toEqual({
      arrived: null,
      finished: [{ stopIndex: 1, taskingId: 2, startedAt: 'x', endedAt: 'y', clientRef: 'r', status: 'sent' }],
    });
  });

  it('says plainly what waits to be sent', () => {
    expect(waitingMessage(0, false)).toBeNull();
    expect(waitingMessage(2, false)).toBe('2 visits waiting to send: they will go when the phone is back online.');
    expect(waitingMessage(1, true)).toBe('1 visit waiting to send: sending now, and again every 30 seconds until the server has them.');
  });
});
