#!/usr/bin/env node
// The operator CLI. In a packaged app, where src/ is absent, it runs the app's bundle. In a
// source checkout it runs out/cli/cli.js (scripts/build-cli.mjs) while that build is newer than
// every source file, and otherwise the sources through tsx: never a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'src/cli/main.ts');
const built = join(root, 'out/cli/cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(source)) {
  await import(new URL('../out/main/cli.js', import.meta.url).href);
} else if (existsSync(built) && statSync(built).mtimeMs > newestSource(join(root, 'src'))) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
}
