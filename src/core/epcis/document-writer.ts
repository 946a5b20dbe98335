import { closeSync, existsSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { EPCIS_CONTEXT, INRS_NAMESPACE } from './vocabulary';

const FLUSH_AT = 1 << 20;

/**
 * Streams an EPCISDocument to `<out>.partial` (mode 0600: it holds reserve data) and renames
 * it into place only when complete, so a national export never sits whole in memory and an
 * interrupted one leaves nothing under the real name.
 */
export function openEpcisDocument(out: string, creationDate: Date) {
  if (existsSync(out)) throw new Error(`${out} already exists; choose a new --out path`);
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const fd = openSync(partial, 'wx', 0o600);
  const head = JSON.stringify({
    '@context': [EPCIS_CONTEXT, { inrs: INRS_NAMESPACE }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: creationDate.toISOString(),
  });
  let buffer = `${head.slice(0, -1)},"epcisBody":{"eventList":[`;
  let count = 0;
  const flush = () => {
    writeSync(fd, buffer);
    buffer = '';
  };
  return {
    add(event: unknown): void {
      buffer += `${count++ === 0 ? '' : ','}\n${JSON.stringify(event)}`;
      if (buffer.length >= FLUSH_AT) flush();
    },
    get count() {
      return count;
    },
    commit(): void {
      buffer += '\n]}}\n';
      flush();
      closeSync(fd);
      renameSync(partial, out);
    },
    abandon(): void {
      closeSync(fd);
      rmSync(partial, { force: true });
    },
  };
}
