#!/usr/bin/env node
// In a source checkout the CLI runs from src/ through tsx (never a stale build);
// in a packaged app, where src/ is absent, it runs the built bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(new URL('../out/main/cli.js', import.meta.url).href);
}
