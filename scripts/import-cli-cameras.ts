// What `npm run import -- cameras` prints for a file (import-cli.ts prints the rest): counts
// people can check against the file, what was assumed, and what was left out and why.
import type { CameraImportSummary } from '../server/cameras/camera-import';

const number = (n: number) => n.toLocaleString('en-GB');
const counts = (byKey: Record<string, number>) =>
  Object.entries(byKey)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${key} ${number(n)}`)
    .join(', ') || 'none';

export function describeCameras(summary: CameraImportSummary): string {
  const lines = [
    `  rows read ${number(summary.rowsRead)}; cameras stored ${number(summary.stored)} (new ${number(summary.added)}, replaced ${number(summary.replaced)}); ` +
      `outside the study area ${number(summary.outsideArea)}${summary.studyArea ? ` (${summary.studyArea})` : ''}, counted, not stored`,
  ];
  const inside = Object.values(summary.byType).reduce((a, b) => a + b, 0);
  if (inside > 0) {
    lines.push(`  ${summary.stored > 0 ? 'stored' : 'inside the study area'}: types ${counts(summary.byType)}; status ${counts(summary.byStatus)}`);
    lines.push(
      `  assumed (the type's default, docs/decisions/028-cameras.md): type ${summary.assumed.type}, status ${summary.assumed.status}, ` +
        `bearing ${summary.assumed.bearing}, field of view ${summary.assumed.fieldOfView}, range ${summary.assumed.rangeMeters}`,
    );
  }
  if (summary.outsideAreaRows.length > 0) {
    const shown = summary.outsideAreaRows.slice(0, 5).map((r) => `line ${r.line}`);
    lines.push(`  outside the study area, e.g. ${shown.join(', ')}${summary.outsideArea > 5 ? ', ...' : ''}`);
  }
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  if (summary.rejections.length > 0) {
    const more = summary.rejected > summary.rejections.length ? ` (first ${summary.rejections.length} of ${number(summary.rejected)})` : '';
    lines.push(`  rejected rows${more}:`, ...summary.rejections.slice(0, 20).map((r) => `    line ${r.line}: ${r.message}`));
  }
  return lines.join('\n');
}
