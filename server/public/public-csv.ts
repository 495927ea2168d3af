// The public ward-month table as CSV (issue 15 item 4): exactly the figures the public routes
// publish ("fewer than 10", "withheld", 0 or a multiple of 5), one row per ward and month plus
// the borough, so a resident's spreadsheet holds nothing the page does not show.
import { BOROUGH_KEY, wardKey } from '../../geo/disclosure/public-table';
import type { PublishedCount } from '../../geo/disclosure/publish';
import { figure } from './public-service';

export interface CsvWard {
  code: string;
  name: string;
}

export interface CsvMonth {
  month: string;
  values: Record<string, PublishedCount>;
}

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export const WARD_CSV_HEADER = 'ward_code,ward,theme,month,incidents';

/** The table: a header line, then each month's wards (in the order given) and its borough total. */
export function wardMonthCsv(themeLabel: string, wards: readonly CsvWard[], months: readonly CsvMonth[]): string {
  const lines = [WARD_CSV_HEADER];
  for (const { month, values } of months) {
    for (const w of wards) lines.push([w.code, w.name, themeLabel, month, figure(values[wardKey(w.code)]).text].map(csvCell).join(','));
    lines.push(['', 'Borough', themeLabel, month, figure(values[BOROUGH_KEY]).text].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
