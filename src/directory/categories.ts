/**
 * Haven's kinds of help. Every directory service carries one (`haven_category`), the find-help
 * flow asks for one, and the national fallback table files each line under one. The ids are
 * stable: flows, imported data and the read API use them.
 */
import { z } from 'zod';

export const CATEGORIES = [
  'emergency',
  'child_helpline',
  'anti_trafficking',
  'shelter',
  'health',
  'mental_health', // mental health and psychosocial support (MHPSS)
  'legal_aid',
  'family_tracing',
  'migration_asylum', // migration and asylum support
  'education', // education and vocational training
] as const;

export type Category = (typeof CATEGORIES)[number];

export const CategorySchema = z.enum(CATEGORIES, {
  message: `must be one of: ${CATEGORIES.join(', ')}`,
});

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** The small integer the search index keeps for a category (0: none given). */
export function categoryCode(category: Category | null): number {
  return category === null ? 0 : CATEGORIES.indexOf(category) + 1;
}

/** Who a service is for, when it is specific. */
export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];
