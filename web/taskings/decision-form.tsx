// The decision at review: continue, amend, close or escalate, with a note (and, to keep the
// tasking going, when to review it next; left empty, the server keeps the first interval).
import { useId, useState } from 'react';
import { DECISION_LABELS, DECISIONS, type Decision } from '../../geo/taskings/status';
import { decideTasking, type Tasking } from './tasking-api';
import { addDays } from './tasking-draft';

const HINTS: Record<Decision, string> = {
  continue: 'Keep it going as it is.',
  amend: 'Keep it going with changes (edit it after recording this).',
  close: 'End it: the record and results are kept.',
  escalate: 'Raise it to the partnership board or a specialist team.',
};

export interface DecisionFormProps {
  tasking: Tasking;
  today: string;
  onDecided: () => void;
}

export function DecisionForm({ tasking, today, onDecided }: DecisionFormProps) {
  const id = useId();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [note, setNote] = useState('');
  const [nextReview, setNextReview] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!decision) return;
    setBusy(true);
    const result = await decideTasking(tasking.id, {
      version: tasking.version,
      decision,
      note,
      ...(nextReview && decision !== 'close' ? { reviewDate: nextReview } : {}),
    });
    setBusy(false);
    if (result.ok) {
      setDecision(null);
      setNote('');
      setNextReview('');
      setProblem(null);
      onDecided();
      return;
    }
    setProblem(
      result.reason.code === 'version_conflict'
        ? 'Someone changed this tasking while you were deciding: it has been reloaded; check it and decide again.'
        : (result.reason.fields?.map((f) => f.message).join(' ') ?? result.reason.message),
    );
    if (result.reason.code === 'version_conflict') onDecided();
  };

  return (
    <section className="decision" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{tasking.status === 'review-due' ? 'Review: decide' : 'Decision'}</h3>
      <div className="decision-buttons" role="group" aria-label="Decision">
        {DECISIONS.map((d) => (
          <button key={d} type="button" aria-pressed={decision === d} onClick={() => setDecision(d)} title={HINTS[d]}>
            {DECISION_LABELS[d]}
          </button>
        ))}
      </div>
      {decision && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
          aria-label={`Record ${DECISION_LABELS[decision].toLowerCase()}`}
        >
          <p className="fine-print">{HINTS[decision]}</p>
          <div className="form-row">
            <label htmlFor={`${id}-note`}>Note for the record</label>
            <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} required />
          </div>
          {decision !== 'close' && (
            <div className="form-row">
              <label htmlFor={`${id}-review`}>Next review (optional)</label>
              <input id={`${id}-review`} type="date" min={addDays(today, 1)} value={nextReview} onChange={(e) => setNextReview(e.target.value)} />
            </div>
          )}
          <button type="submit" disabled={busy}>
            Record {DECISION_LABELS[decision].toLowerCase()}
          </button>
        </form>
      )}
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
