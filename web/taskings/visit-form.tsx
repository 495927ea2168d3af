// Log a visit to a tasking: the day, when the officer arrived and left (London time), who.
import { useId, useState } from 'react';
import { logTaskingVisit } from './tasking-api';
import { addDays } from './tasking-draft';

/** Fields this form shows a refusal beside; any other refusal is shown under the form. */
const SHOWN = ['startedAt', 'endedAt', 'officer'];

export interface VisitFormProps {
  taskingId: number;
  officer: string;
  today: string;
  onLogged: () => void;
}

export function VisitForm({ taskingId, officer, today, onLogged }: VisitFormProps) {
  const id = useId();
  const [date, setDate] = useState(today);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [who, setWho] = useState(officer);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setMessage(null);
    // Left earlier in the day than arrived: the visit ran past midnight.
    const endDate = end < start ? addDays(date, 1) : date;
    const result = await logTaskingVisit(taskingId, {
      startedAt: `${date}T${start}`,
      endedAt: `${endDate}T${end}`,
      officer: who,
      ...(note.trim() ? { note } : {}),
    });
    setBusy(false);
    if (result.ok) {
      setProblems({});
      setStart('');
      setEnd('');
      setNote('');
      setMessage(`Visit logged: ${result.value.visit.minutes} minutes.`);
      onLogged();
      return;
    }
    const byField: Record<string, string[]> = {};
    for (const { field, message: text } of result.reason.fields ?? []) (byField[field] ??= []).push(text);
    setProblems(byField);
    const elsewhere = (result.reason.fields ?? []).filter((f) => !SHOWN.includes(f.field));
    if (!result.reason.fields) setMessage(result.reason.message);
    else if (elsewhere.length > 0) setMessage(elsewhere.map((f) => `${f.field === 'note' ? 'Note' : f.field}: ${f.message}`).join(' '));
  };
  const problemOf = (field: string) =>
    problems[field] ? (
      <span className="field-problem" role="alert">
        {problems[field]!.join(' ')}
      </span>
    ) : null;

  return (
    <form
      className="visit-form"
      aria-label="Log a visit"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h4>Log a visit</h4>
      <div className="form-row">
        <label htmlFor={`${id}-date`}>Day</label>
        <input id={`${id}-date`} type="date" value={date} max={today} onChange={(e) => setDate(e.target.value)} required />
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-start`}>Arrived</label>
        <input id={`${id}-start`} type="time" value={start} onChange={(e) => setStart(e.target.value)} required />
        {problemOf('startedAt')}
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-end`}>Left</label>
        <input id={`${id}-end`} type="time" value={end} onChange={(e) => setEnd(e.target.value)} required />
        {problemOf('endedAt')}
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-officer`}>Officer</label>
        <input id={`${id}-officer`} type="text" value={who} onChange={(e) => setWho(e.target.value)} required />
        {problemOf('officer')}
      </div>
      <div className="form-row">
        <label htmlFor={`${id}-note`}>Note</label>
        <input id={`${id}-note`} type="text" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" disabled={busy}>
        Log visit
      </button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
