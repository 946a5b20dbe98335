import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string): string => readFileSync(new URL(`../lint-fixtures/${name}`, import.meta.url), 'utf8');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Lints a fixture as if it lived at `filePath` inside the real source tree. */
async function lintAs(name: string, filePath: string) {
  const [result] = await eslint.lintText(fixture(name), { filePath });
  if (!result) throw new Error(`no lint result for ${name}`);
  return result.messages;
}

const restricted = (messages: { ruleId: string | null; severity: number }[]) =>
  messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2);

describe('import boundaries (docs/architecture.md §2)', () => {
  it.each([
    ['renderer-imports-node-fs.tsx', 'src/renderer/src/__fixture__.tsx'],
    ['renderer-imports-bare-builtin.tsx', 'src/renderer/src/__fixture__.tsx'],
    ['renderer-imports-electron.tsx', 'src/renderer/src/__fixture__.tsx'],
    ['renderer-imports-core.tsx', 'src/renderer/src/__fixture__.tsx'],
    ['shared-imports-node-crypto.ts', 'src/shared/domain/__fixture__.ts'],
    ['main-imports-server.ts', 'src/main/__fixture__.ts'],
    ['preload-imports-zod.ts', 'src/preload/__fixture__.ts'],
  ])('%s is refused at %s', async (name, filePath) => {
    expect(restricted(await lintAs(name, filePath))).toHaveLength(1);
  });

  it.each([
    ['renderer-clean.tsx', 'src/renderer/src/__fixture__.tsx'],
    ['preload-clean.ts', 'src/preload/__fixture__.ts'],
    ['main-clean.ts', 'src/main/__fixture__.ts'],
  ])('%s is clean at %s', async (name, filePath) => {
    expect(await lintAs(name, filePath)).toEqual([]);
  });

  it('lets main import what the renderer may not', async () => {
    expect(restricted(await lintAs('renderer-imports-node-fs.tsx', 'src/main/__fixture__.tsx'))).toEqual([]);
  });
});
