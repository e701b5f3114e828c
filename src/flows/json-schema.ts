import { z } from 'zod';
import { AppSchema, FlowSchema } from './schema';

/** JSON Schemas editors use to validate flow files and `haven.yaml`, generated from the zod schemas. */
export const SCHEMA_FILES = {
  'flow.schema.json': { schema: FlowSchema, title: 'Haven conversation flow' },
  'haven.schema.json': { schema: AppSchema, title: 'Haven entry points and interrupts (flows/haven.yaml)' },
} as const;

export type SchemaFile = keyof typeof SCHEMA_FILES;

export function jsonSchemaText(file: SchemaFile): string {
  const { schema, title } = SCHEMA_FILES[file];
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ ...json, title }, null, 2) + '\n';
}
