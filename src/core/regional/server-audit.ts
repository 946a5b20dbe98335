import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { commandLedger, type AuditRow } from '../commands/command-ledger';
import { openRegionalStore, STORE_FILE } from './regional-store';
import { UsageError } from './server-command';

export const serverAuditHelp = `inrs server audit --data DIR [--json]
  Every command the regional server in DIR received, accepted or refused, oldest first:
  time, command id, kind, signer and connection subjects, outcome, refusal code and reason,
  and the seq of the event it recorded. Read from the store's append-only command audit.`;

function line(row: AuditRow): string {
  const outcome = row.status === 'accepted' ? `accepted seq ${row.seq ?? '-'}` : `refused [${row.code ?? '-'}] ${row.reason ?? ''}`;
  return `${row.time}  ${row.commandId}  ${row.kind}\n    signer ${row.signerSubject ?? '(unsigned)'}  via ${row.peerSubject}\n    ${outcome}`;
}

export function runServerAudit(args: string[]): void {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  if (!values.data) throw new UsageError('missing --data');
  if (!existsSync(join(values.data, STORE_FILE))) throw new Error(`${values.data}: no regional server store here (no ${STORE_FILE})`);
  // The audit is server-local; opening by the national region reads it whatever the server's region.
  const store = openRegionalStore(values.data, '000000');
  try {
    const rows = commandLedger(store.replica.db, store.region).auditRows();
    if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else if (rows.length === 0) process.stdout.write('no commands recorded\n');
    else process.stdout.write(`${rows.map(line).join('\n')}\n`);
  } finally {
    store.close();
  }
}
