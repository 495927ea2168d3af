// The phone's record of one plan as React state (decision 038): each tap is written to local
// storage first, then finished visits are sent. Whatever does not reach the server (no signal,
// the server down, the session ended) waits, and is sent again on the window's 'online' event,
// when the page loads, and every 30 seconds while anything waits. A refusal in words (the
// server's 4xx) is shown with the visit and not sent again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { sendVisit } from './patrol-api';
import { arrive, leave, newClientRef, readRecord, settle, waitingVisits, writeRecord, type PhoneRecord } from './visit-queue';

const RETRY_MS = 30_000;

/** Statuses after which the same visit may well be stored later: no answer, the server busy or down, signed out, too many requests. */
const tryAgainLater = (status: number) => status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;

export function usePhoneRecord(planId: number) {
  const [record, setRecord] = useState<PhoneRecord>(() => readRecord(window.localStorage, planId));
  const [online, setOnline] = useState(() => navigator.onLine);
  const [lastProblem, setLastProblem] = useState<string | null>(null);
  const sending = useRef(false);

  /** Changes the stored record (read again first: another tab may have changed it) and shows it. */
  const update = useCallback(
    (change: (current: PhoneRecord) => PhoneRecord) => {
      const next = change(readRecord(window.localStorage, planId));
      writeRecord(window.localStorage, planId, next);
      setRecord(next);
    },
    [planId],
  );

  const sendWaiting = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      for (const visit of waitingVisits(readRecord(window.localStorage, planId))) {
        const { taskingId, startedAt, endedAt, clientRef } = visit;
        const sent = await sendVisit(planId, { taskingId, startedAt, endedAt, clientRef });
        if (sent.ok) {
          update((r) => settle(r, clientRef, { status: 'sent' }));
          setLastProblem(null);
        } else if (tryAgainLater(sent.reason.status)) {
          setLastProblem(sent.reason.signedOut ? 'Your session has ended: sign in again and the visits will be sent.' : null);
          break;
        } else {
          update((r) => settle(r, clientRef, { status: 'refused', message: sent.reason.message }));
        }
      }
    } finally {
      sending.current = false;
    }
  }, [planId, update]);

  useEffect(() => {
    void sendWaiting();
    const backOnline = () => {
      setOnline(true);
      void sendWaiting();
    };
    const wentOffline = () => setOnline(false);
    window.addEventListener('online', backOnline);
    window.addEventListener('offline', wentOffline);
    const timer = window.setInterval(() => {
      if (waitingVisits(readRecord(window.localStorage, planId)).length > 0) void sendWaiting();
    }, RETRY_MS);
    return () => {
      window.removeEventListener('online', backOnline);
      window.removeEventListener('offline', wentOffline);
      window.clearInterval(timer);
    };
  }, [planId, sendWaiting]);

  const onArrived = useCallback(
    (stop: { stopIndex: number; taskingId: number }) => update((r) => (r.arrived ? r : arrive(r, stop, new Date(), newClientRef()))),
    [update],
  );
  const onLeaving = useCallback(() => {
    update((r) => leave(r, new Date()));
    void sendWaiting();
  }, [update, sendWaiting]);

  return { record, online, lastProblem, onArrived, onLeaving };
}
