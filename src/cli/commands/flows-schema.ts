import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { defaultContentPaths } from '../../flows/content';
import { flowJsonSchemaText } from '../../flows/json-schema';

export const flowsSchemaCommand: Command = {
  name: 'flows schema',
  summary: 'write flows/flow.schema.json (the JSON Schema editors use) from the zod schemas',
  help: `
Usage: haven flows schema [--out FILE] [--check]

Writes the JSON Schema for flow files, generated from the zod schemas in src/flows/, so editors
(VS Code with the YAML extension, and others) validate and autocomplete flows as you type.

Options:
  --out FILE   where to write (default: flows/flow.schema.json)
  --check      do not write; exit 1 if the file is not current
`,
  async run(args) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, check: { type: 'boolean' } } });
    const out = values.out ?? path.join(defaultContentPaths().flowsDir, 'flow.schema.json');
    const text = flowJsonSchemaText();
    if (values.check) {
      const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
      if (current !== text) {
        process.stderr.write(`${out} is out of date: run \`haven flows schema\`\n`);
        return 1;
      }
      return 0;
    }
    fs.writeFileSync(out, text);
    process.stdout.write(`wrote ${out}\n`);
    return 0;
  },
};
