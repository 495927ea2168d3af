// The `categories=` of a theme's route: empty means the theme's own; otherwise a comma list,
// each one of the theme's selectable categories, or a refusal naming those that are not.
import { z } from 'zod';
import type { ThemeDefinition } from '../../geo/themes';

/** `expected` ends the refusal: what the theme allows, in the route's own words. */
export function themeCategoriesParam(theme: Pick<ThemeDefinition, 'categories' | 'selectableCategories'>, expected: string) {
  return z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return [...theme.categories];
      const slugs = [...new Set(text.split(',').map((s) => s.trim()))];
      const unknown = slugs.filter((s) => !theme.selectableCategories.includes(s));
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${unknown.map((u) => `"${u}"`).join(', ')} cannot be chosen here; expected ${expected}` });
        return z.NEVER;
      }
      return slugs;
    });
}
