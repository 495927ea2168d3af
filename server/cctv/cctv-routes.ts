// CCTV (issue 12): which hot spots the cameras watch and which are blind
// (GET /api/cctv/coverage), and where redeployable cameras would watch the most harm
// (POST /api/cctv/siting). Staff only: camera positions, views, blind spots and sites are never
// public. Thin: the statistics run on the compute worker (cctv-task.ts).
import { Hono } from 'hono';
import { CAMERA_DEFAULTS } from '../../geo/cameras';
import { isoDateOfDay } from '../../geo/time';
import type { AppDeps } from '../app-deps';
import type { AppEnv } from '../app-env';
import { allow, STAFF } from '../auth/roles';
import { answerVersion } from '../compute/answer-version';
import { failureBody } from '../hotspots/hotspot-service';
import { hasDemoData } from '../store/import-batches';
import { validate } from '../validation';
import { camerasVersion } from '../cameras/camera-queries';
import { candidatesInside, COVERAGE_MODEL, coverageQuerySchemaFor, sitingBodySchemaFor, taskCameras } from './cctv-service';

/** The window and incidents an answer is for, as every CCTV answer says them. */
function windowMeta(q: { fromDay: number; toDay: number; h3Resolution: number; categories: readonly string[]; group: string | null }) {
  return { from: isoDateOfDay(q.fromDay), to: isoDateOfDay(q.toDay), resolution: q.h3Resolution, categories: q.categories, group: q.group };
}

export function cctvRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/cctv/coverage', allow(...STAFF), validate('query', coverageQuerySchemaFor(deps.schoolCalendar)), async (c) => {
      const q = c.req.valid('query');
      const index = await deps.compute.index([q.h3Resolution]);
      return deps.answers.answer(c, `${answerVersion(deps.db, index)}|${camerasVersion(deps.db)}`, async () => {
        const { cameras, version, byStatus } = taskCameras(deps.db);
        const run = await deps.compute.run('cctvCoverage', { ...q, cameras, camerasVersion: version });
        if (!run.ok) return c.json(failureBody(run.reason), run.reason.status);
        const r = run.value;
        const notes: string[] = [];
        if (cameras.length === 0)
          notes.push(
            'No cameras are stored yet, so nothing shows as watched: an analyst imports the camera list (npm run import -- cameras, or POST /api/imports/cameras).',
          );
        if (r.coverageNote) notes.push(r.coverageNote);
        return c.json({
          meta: {
            ...windowMeta(q),
            threshold: q.threshold,
            cameras: { stored: cameras.length, ...byStatus, counted: r.workingCameras },
            model: COVERAGE_MODEL,
            rankedBy: r.weights,
            outsideStudyArea: r.outsideStudyArea,
            partialCount: r.partialCount,
            notes,
            demo: hasDemoData(deps.db),
          },
          cells: r.cells,
          incidentsCovered: r.incidentsCovered.share,
          hotCellsCovered: r.hotCellsCovered.share,
          summary: {
            incidents: r.incidentsCovered.incidents,
            incidentsCovered: r.incidentsCovered.share,
            harmCovered: r.incidentsCovered.harmShare,
            hotCells: r.hotCellsCovered.total,
            hotCellsCovered: r.hotCellsCovered.covered,
            blindHotCells: r.blindHotspots.length,
          },
          blindHotspots: r.blindHotspots,
        });
      });
    })
    .post('/cctv/siting', allow(...STAFF), validate('json', sitingBodySchemaFor(deps.schoolCalendar)), async (c) => {
      const q = c.req.valid('json');
      const given = q.candidates ? candidatesInside(deps.db, q.candidates) : null;
      if (given && given.inside.length === 0) {
        return c.json(
          {
            error: {
              code: 'invalid_parameter',
              message: `candidates: all ${given.outside} candidate sites lie outside the study area; send sites inside the borough`,
            },
          },
          400,
        );
      }
      await deps.compute.index([q.h3Resolution]);
      const { cameras, version } = taskCameras(deps.db);
      const run = await deps.compute.run('cctvSiting', {
        categories: q.categories,
        fromDay: q.fromDay,
        toDay: q.toDay,
        h3Resolution: q.h3Resolution,
        timeFilter: q.timeFilter,
        cameras,
        camerasVersion: version,
        threshold: q.threshold,
        k: q.k,
        rangeMeters: q.rangeMeters,
        candidates: given ? given.inside : null,
      });
      if (!run.ok) return c.json(failureBody(run.reason), run.reason.status);
      const r = run.value;
      return c.json({
        meta: {
          ...windowMeta(q),
          k: q.k,
          rangeMeters: q.rangeMeters,
          rangeAssumed: q.rangeMeters === CAMERA_DEFAULTS.redeployable.rangeMeters,
          candidates: { used: r.candidates, from: given ? 'given' : 'study-cell-centres', outsideStudyArea: given?.outside ?? 0 },
          workingCameras: r.workingCameras,
          rankedBy: r.weights,
          model:
            'A redeployable camera watches a full circle of its range; a cell counts as watched by it when its centre lies within that range. ' +
            'Each cell is worth its harm-weighted incidents in the window times the share the working cameras do not already see, and a cell two sites watch counts once.',
          guarantee: r.siting.guarantee,
          demo: hasDemoData(deps.db),
        },
        sites: r.siting.sites,
        total: r.siting.total,
        uncovered: r.uncovered,
      });
    });
}
