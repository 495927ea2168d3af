// The right-hand column of the staff map: the list of taskings, one tasking, or the form.
import { TaskingDetail } from './tasking-detail';
import { draftOfTasking, type TaskingDraft } from './tasking-draft';
import { TaskingForm } from './tasking-form';
import { TaskingList } from './tasking-list';
import type { TaskingData, Workspace } from './use-taskings';

export interface TaskingsColumnProps {
  data: TaskingData;
  workspace: Workspace;
  role: string;
  userName: string;
  today: string;
  /** What a new tasking starts from when made with the New tasking button. */
  blankDraft: () => TaskingDraft;
  previewCells: number;
  onSessionEnded: () => void;
}

export function TaskingsColumn({ data, workspace, role, userName, today, blankDraft, previewCells, onSessionEnded }: TaskingsColumnProps) {
  const { panel, draft } = workspace;
  const canCreate = role === 'chair' || role === 'analyst';
  return (
    <aside className="taskings-column" aria-label="Taskings">
      {panel.kind === 'list' && (
        <TaskingList
          list={data.list}
          options={data.options}
          failure={data.failure}
          canCreate={canCreate}
          onOpen={(id) => workspace.open({ kind: 'detail', id })}
          onCreate={() => workspace.open({ kind: 'form', mode: 'create' }, blankDraft())}
        />
      )}
      {panel.kind === 'detail' && (
        <TaskingDetail
          key={panel.id}
          id={panel.id}
          role={role}
          userName={userName}
          options={data.options}
          today={today}
          onBack={() => workspace.open({ kind: 'list' })}
          onEdit={(tasking) => workspace.open({ kind: 'form', mode: 'edit', tasking }, draftOfTasking(tasking))}
          onChanged={data.refresh}
          onSessionEnded={onSessionEnded}
        />
      )}
      {panel.kind === 'form' && draft && (
        <TaskingForm
          mode={panel.mode}
          tasking={panel.mode === 'edit' ? panel.tasking : null}
          draft={draft}
          role={role}
          options={data.options}
          tool={workspace.tool}
          vertexCount={workspace.vertices.length}
          shapeClosed={workspace.closed}
          previewCells={previewCells}
          setDraft={workspace.setDraft}
          setTool={workspace.setTool}
          finishShape={workspace.finishShape}
          clearArea={workspace.clearArea}
          onSaved={(id) => {
            data.refresh();
            workspace.open({ kind: 'detail', id });
          }}
          onCancel={() => workspace.open(panel.mode === 'edit' ? { kind: 'detail', id: panel.tasking.id } : { kind: 'list' })}
        />
      )}
    </aside>
  );
}
