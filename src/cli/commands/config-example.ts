import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { envExample } from '../../server/env-example';

export const configExampleCommand: Command = {
  name: 'config example',
  summary: 'print .env.example: every setting with its default and meaning',
  help: `
Usage: haven config example [--write FILE]

Prints every setting of every module with its default (or an example) and what it does, in
.env format, generated from the settings declarations in the code. The repository's
.env.example is this output (\`npm run config:example\` rewrites it).

Options:
  --write FILE   write to FILE instead of printing
`,
  async run(args) {
    const { values } = parseArgs({ args, options: { write: { type: 'string' } } });
    const text = envExample();
    if (values.write) fs.writeFileSync(values.write, text);
    else process.stdout.write(text);
    return 0;
  },
};
