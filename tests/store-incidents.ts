// Stores synthetic incidents through the real write path (commitImport), for tests that
// need rows in a database without going through a file.
import type { IncidentDraft } from '../geo/types';
import type { Db } from '../server/db/open-database';
import { commitImport } from '../server/store/commit-import';
import type { ImportSummary } from '../server/store/import-types';
import { draftsToCommit } from '../server/import/locate-rows';

/** Stores the drafts as one batch of `source` (police.uk rows when source is 'police.uk'); throws if refused. */
export function storeIncidents(db: Db, drafts: IncidentDraft[], source = 'test'): ImportSummary {
  const result = commitImport(db, {
    kind: source === 'police.uk' ? 'police-uk' : 'partner',
    source,
    fileName: `${source}-fixture`,
    fileSha256: 'fixture',
    importedBy: 'test',
    importedAt: '2026-01-01T00:00:00Z',
    ...draftsToCommit(drafts),
    area: null,
    allowRejected: false,
  });
  if (!result.ok) throw new Error(result.reason);
  return result.summary;
}
