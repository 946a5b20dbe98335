import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { build } from 'vite';
import { BENCH_DIR, WORK_DIR } from './results';

export const HARNESS_OUT = join(WORK_DIR, 'map-harness');

/** Builds the two benchmark pages (the app's MapView, and bare deck.gl) into bench/tmp/map-harness. */
export async function buildMapHarness(): Promise<string> {
  const root = join(BENCH_DIR, 'map-harness');
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: HARNESS_OUT,
      emptyOutDir: true,
      rolldownOptions: { input: { app: join(root, 'app.html'), bare: join(root, 'bare.html') } },
    },
  });
  return HARNESS_OUT;
}
