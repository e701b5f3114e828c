import { z } from 'zod';
import { FlowSchema } from './schema';

/** The JSON Schema editors use to validate flow files, generated from the zod schemas. */
export function flowJsonSchema(): object {
  const schema = z.toJSONSchema(FlowSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    title: 'Haven conversation flow',
  };
}

export function flowJsonSchemaText(): string {
  return JSON.stringify(flowJsonSchema(), null, 2) + '\n';
}
