// What `npm run import -- population` prints for a file (import-cli.ts prints the rest): what was
// read, the residents stored per year (a figure to check against the publisher's own total), and
// what was left out and why.
import type { PopulationImportSummary } from '../server/populations/population-import';

const number = (n: number) => n.toLocaleString('en-GB');

export function describePopulation(summary: PopulationImportSummary): string {
  const read =
    summary.level === 'lsoa' ? `${number(summary.lsoas)} LSOAs added up to wards by ${summary.lookupFileName ?? 'the lookup'}` : 'ward populations as given';
  const lines = [
    `  rows read ${number(summary.rowsRead)} (${summary.layout === 'wide' ? 'a column per year' : 'a row per area and year'}): ${read}; ` +
      `ward-years stored ${number(summary.stored)}${summary.replacedYears.length > 0 ? ` (replacing the stored ${summary.replacedYears.join(', ')})` : ''}`,
  ];
  if (summary.stored > 0) {
    lines.push('  residents stored by year:');
    for (const y of summary.byYear) lines.push(`    ${y.year}  ${number(y.population).padStart(9)} in ${y.wards} ward${y.wards === 1 ? '' : 's'}`);
  }
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  if (summary.rejections.length > 0) {
    const more = summary.rejected > summary.rejections.length ? ` (first ${summary.rejections.length} of ${number(summary.rejected)})` : '';
    lines.push(`  rejected rows${more}:`, ...summary.rejections.slice(0, 20).map((r) => `    line ${r.line}: ${r.message}`));
  }
  return lines.join('\n');
}
