// The partnership's priorities on the public page (issue 15): Markdown the chair or an analyst
// edits in place, shown to everyone through react-markdown, which renders no raw HTML (decision 036).
import { useEffect, useState } from 'react';
import Markdown from 'react-markdown';
import { api, failureOf, reach } from '../api-client';
import { fetchPublicPriorities } from './public-api';

interface Editing {
  text: string;
  version: number;
  saving: boolean;
  problem: string | null;
}

export function PrioritiesSection({ canEdit }: { canEdit: boolean }) {
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);

  useEffect(() => {
    void fetchPublicPriorities().then((result) => (result.ok ? setMarkdown(result.value.markdown) : setProblem(result.reason.message)));
  }, []);

  const startEditing = async () => {
    const reached = await reach(() => api['public-page'].$get());
    if (!reached.ok) return setProblem(reached.reason.message);
    if (!reached.value.ok) return setProblem((await failureOf(reached.value)).message);
    const page = await reached.value.json();
    setEditing({ text: page.priorities.markdown, version: page.priorities.version, saving: false, problem: null });
  };

  const save = async () => {
    if (!editing) return;
    setEditing({ ...editing, saving: true, problem: null });
    const reached = await reach(() => api['public-page'].priorities.$put({ json: { markdown: editing.text, version: editing.version } }));
    if (!reached.ok) return setEditing({ ...editing, saving: false, problem: reached.reason.message });
    if (!reached.value.ok) return setEditing({ ...editing, saving: false, problem: (await failureOf(reached.value)).message });
    const saved = await reached.value.json();
    setMarkdown(saved.markdown);
    setEditing(null);
  };

  return (
    <section className="public-section public-priorities" aria-labelledby="priorities-title">
      <h2 id="priorities-title">The partnership's priorities</h2>
      {problem && <p role="alert">The priorities could not be loaded: {problem}</p>}
      {editing ? (
        <div className="priorities-editor">
          <label htmlFor="priorities-text">
            Text shown to the public (Markdown: <code>## heading</code>, <code>- list item</code>, <code>**bold**</code>)
          </label>
          <textarea id="priorities-text" rows={16} value={editing.text} onChange={(e) => setEditing({ ...editing, text: e.target.value })} />
          {editing.problem && <p role="alert">{editing.problem}</p>}
          <div className="editor-buttons">
            <button type="button" onClick={() => void save()} disabled={editing.saving}>
              {editing.saving ? 'Saving…' : 'Save for the public page'}
            </button>
            <button type="button" onClick={() => setEditing(null)} disabled={editing.saving}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <>
          {markdown !== null && (
            <div className="priorities-text">
              <Markdown>{markdown}</Markdown>
            </div>
          )}
          {canEdit && (
            <button type="button" onClick={() => void startEditing()}>
              Edit this text
            </button>
          )}
        </>
      )}
    </section>
  );
}
