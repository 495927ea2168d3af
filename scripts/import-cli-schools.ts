// What `npm run import -- schools` and `-- school-calendar` print for a file (import-cli.ts
// prints the rest): counts people can check against the file, and what was left out and why.
import type { CalendarImportSummary } from '../server/schools/school-calendar-import';
import type { SchoolImportSummary } from '../server/schools/schools-import';

const number = (n: number) => n.toLocaleString('en-GB');

function rejections(summary: { rejected: number; rejections: { line: number; message: string }[] }): string[] {
  if (summary.rejections.length === 0) return [];
  const more = summary.rejected > summary.rejections.length ? ` (first ${summary.rejections.length} of ${number(summary.rejected)})` : '';
  return [`  rejected rows${more}:`, ...summary.rejections.slice(0, 20).map((r) => `    line ${r.line}: ${r.message}`)];
}

export function describeSchools(summary: SchoolImportSummary): string {
  const lines = [
    `  rows read ${number(summary.rowsRead)}; schools stored ${number(summary.stored)} (new ${number(summary.added)}, replaced ${number(summary.replaced)})`,
  ];
  if (summary.stored > 0) {
    const phases = Object.entries(summary.byPhase)
      .filter(([, n]) => n > 0)
      .map(([phase, n]) => `${phase} ${n}`)
      .join(', ');
    lines.push(`  open ${number(summary.open)}, closed ${number(summary.closed)}; phases: ${phases}`);
    lines.push(
      `  with a location ${number(summary.withLocation)} (from longitude/latitude ${summary.locationFrom.lngLat}, from easting/northing ${summary.locationFrom.eastingNorthing}); ` +
        `without ${number(summary.withoutLocation.count)} (stored, not on the map)`,
    );
    if (summary.withoutLocation.count > 0) {
      const names = summary.withoutLocation.schools.map((s) => `${s.name} (${s.urn})`);
      lines.push(`  without a location: ${names.slice(0, 30).join(', ')}${summary.withoutLocation.count > 30 ? ', ...' : ''}`);
    }
  }
  const { leftOut } = summary;
  if (leftOut.farAway + leftOut.otherAuthority > 0) {
    lines.push(
      `  left out: ${number(leftOut.farAway)} more than ${number(leftOut.marginMeters)} m from the study area (${leftOut.studyArea}), ` +
        `${number(leftOut.otherAuthority)} without coordinates in another local authority`,
    );
  }
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  return [...lines, ...rejections(summary)].join('\n');
}

export function describeCalendar(summary: CalendarImportSummary): string {
  const lines = [`  rows read ${number(summary.rowsRead)}; entries stored ${number(summary.stored)}`];
  for (const year of summary.schoolYears) {
    lines.push(
      `  school year ${year.schoolYear}: ${year.terms} terms, ${year.holidays} holidays, ${year.insetDays} inset days, ${year.schoolDays} school days ` +
        `(replaces ${year.replaced === 'imported' ? 'the calendar imported before' : year.replaced === 'assumed-default' ? 'the assumed default' : 'no calendar'})`,
    );
  }
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  return [...lines, ...rejections(summary)].join('\n');
}
