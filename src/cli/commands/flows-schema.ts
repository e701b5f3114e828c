import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { defaultContentPaths } from '../../flows/content';
import { jsonSchemaText, SCHEMA_FILES, type SchemaFile } from '../../flows/json-schema';

export const flowsSchemaCommand: Command = {
  name: 'flows schema',
  summary: 'write flows/flow.schema.json and flows/haven.schema.json (for editors) from the zod schemas',
  help: `
Usage: haven flows schema [--dir DIR] [--check]

Writes the JSON Schemas for flow files and for haven.yaml, generated from the zod schemas in
src/flows/, so editors (VS Code with the YAML extension, and others) validate and autocomplete
flows as you type. Each flow file starts with
  # yaml-language-server: $schema=./flow.schema.json

Options:
  --dir DIR    where to write (default: the shipped flows/)
  --check      do not write; exit 1 if a file is not current
`,
  async run(args) {
    const { values } = parseArgs({ args, options: { dir: { type: 'string' }, check: { type: 'boolean' } } });
    const dir = values.dir ?? defaultContentPaths().flowsDir;
    let stale = 0;
    for (const name of Object.keys(SCHEMA_FILES) as SchemaFile[]) {
      const file = path.join(dir, name);
      const text = jsonSchemaText(name);
      if (values.check) {
        if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
          process.stderr.write(`${file} is out of date: run \`haven flows schema\`\n`);
          stale++;
        }
        continue;
      }
      fs.writeFileSync(file, text);
      process.stdout.write(`wrote ${file}\n`);
    }
    return stale ? 1 : 0;
  },
};
