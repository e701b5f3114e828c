/**
 * Jest global set-up: compile src/ to dist/ (incrementally, so it is quick when nothing
 * changed), because some tests run the real `haven` command as a separate process. Type
 * errors do not stop the tests here (tsc still emits); `npm run typecheck` is the gate for those.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function build() {
  const root = path.join(__dirname, '..', '..');
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    process.stderr.write(`\n(build for tests reported type errors; run \`npm run typecheck\`)\n${(r.stdout || '').slice(0, 2000)}\n`);
  }
};
