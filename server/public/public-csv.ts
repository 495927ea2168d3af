// The public ward-month table as CSV (issue 15 item 4): exactly the figures the public routes
// publish ("fewer than 10", "withheld", 0 or a multiple of 5), one row per ward and month plus
// the borough, so a resident's spreadsheet holds nothing the page does not show.
import { BOROUGH_KEY, wardKey } from '../../geo/disclosure/public-table';
import type { PublishedCount } from '../../geo/disclosure/publish';
import type { RatesOf } from './public-rates';
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

export const WARD_CSV_HEADER = 'ward_code,ward,theme,month,incidents,residents,rate_per_1000_residents';

/** A figure as published: a key with no figure is a published 0. */
export function published(values: Record<string, PublishedCount>, key: string): PublishedCount {
  return values[key] ?? { kind: 'zero', value: 0 };
}

/**
 * The table: a header line, then each month's wards (in the order given) and its borough total.
 * Residents and rates are blank where none is published (hidden count, unknown or small population).
 */
export function wardMonthCsv(themeLabel: string, wards: readonly CsvWard[], months: readonly CsvMonth[], ratesOf: (month: string) => RatesOf): string {
  const lines = [WARD_CSV_HEADER];
  for (const { month, values } of months) {
    const rates = ratesOf(month);
    const row = (code: string | null, name: string, key: string) => {
      const rate = rates(code, published(values, key));
      return [code ?? '', name, themeLabel, month, figure(values[key]).text, rate.residents?.toString() ?? '', rate.ratePer1000?.toFixed(1) ?? '']
        .map(csvCell)
        .join(',');
    };
    for (const w of wards) lines.push(row(w.code, w.name, wardKey(w.code)));
    lines.push(row(null, 'Borough', BOROUGH_KEY));
  }
  return `${lines.join('\n')}\n`;
}
