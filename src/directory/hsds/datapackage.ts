/**
 * `datapackage.json` of an HSDS Tabular Data Package (Frictionless): which CSV holds which
 * table. Written by the export with each field's type and description; read by the import.
 */
import { z } from 'zod';
import { TABLES, type TableName } from './tables';

export const DataPackageSchema = z.object({
  name: z.string().optional(),
  title: z.string().optional(),
  profile: z.string().optional(),
  resources: z
    .array(
      z
        .object({
          name: z.string().min(1),
          path: z.string().min(1).refine((p) => !p.includes('..') && !p.startsWith('/'), 'must be a file inside the package folder'),
        })
        .loose(),
    )
    .min(1, 'lists no resources'),
}).loose();
export type DataPackage = z.infer<typeof DataPackageSchema>;

export const HAVEN_PROFILE_NOTE =
  'HSDS 3.0 tabular package with Haven extension columns (haven_*): category, gender, verified, verified date, confidential address.';

export function describePackage(name: string, tables: readonly TableName[]): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name,
    title: 'Haven service directory (Open Referral HSDS 3.0)',
    description: HAVEN_PROFILE_NOTE,
    resources: TABLES.filter((t) => tables.includes(t.name)).map((t) => ({
      name: t.name,
      path: `${t.name}.csv`,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: {
        fields: t.columns.map((c) => ({
          name: c.name,
          type: c.type,
          description: c.description,
          ...(c.required ? { constraints: { required: true, ...(c.name === 'id' ? { unique: true } : {}) } } : {}),
        })),
        primaryKey: 'id',
      },
    })),
  };
}
