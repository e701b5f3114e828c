/** The JSON Schemas editors use are generated from the zod schemas and checked in; they must be current. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { jsonSchemaText, SCHEMA_FILES, type SchemaFile } from '../../src/flows/json-schema';

const FLOWS = path.join(__dirname, '..', '..', 'flows');

test.each(Object.keys(SCHEMA_FILES) as SchemaFile[])('flows/%s is current (run `haven flows schema` if not)', (file) => {
  expect(fs.readFileSync(path.join(FLOWS, file), 'utf8')).toBe(jsonSchemaText(file));
});

test('the flow schema lists every node kind and forbids unknown fields', () => {
  const schema = JSON.parse(jsonSchemaText('flow.schema.json'));
  const nodeSchemas = schema.properties.nodes.additionalProperties.oneOf ?? schema.properties.nodes.additionalProperties.anyOf;
  const kinds = nodeSchemas.map((n: { properties: { kind: { const: string } } }) => n.properties.kind.const);
  expect(kinds).toEqual(expect.arrayContaining(['message', 'choice', 'input', 'location', 'branch', 'set', 'call', 'goto', 'end', 'services', 'handoff']));
  for (const n of nodeSchemas) expect(n.additionalProperties).toBe(false);
});

test('every shipped flow file points editors at the schema', () => {
  for (const f of fs.readdirSync(FLOWS).filter((n) => n.endsWith('.yaml'))) {
    const first = fs.readFileSync(path.join(FLOWS, f), 'utf8').split('\n')[0];
    const expected = f === 'haven.yaml' ? './haven.schema.json' : './flow.schema.json';
    expect(`${f}: ${first}`).toBe(`${f}: # yaml-language-server: $schema=${expected}`);
    expect(() => parse(fs.readFileSync(path.join(FLOWS, f), 'utf8'))).not.toThrow();
  }
});
