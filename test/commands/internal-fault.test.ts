import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCommandExecutor } from '../../src/core/commands/command-executor';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import { openRegionalStore } from '../../src/core/regional/regional-store';
import { useTempDir } from '../helpers/temp-dir';

/*
 * A fault while deciding (here: the trust material cannot be read) is not a crash and not a
 * silent drop: the command is refused as internal, nothing is applied, the audit records it,
 * and the command id stays free for a retry once the fault is gone.
 */
const tempDir = useTempDir();

describe('a fault while deciding a command', () => {
  it('answers refused/internal, applies nothing, audits it, and leaves the id undecided', () => {
    const store = openRegionalStore(tempDir(), '430000');
    const lines: string[] = [];
    const executor = createCommandExecutor({
      store,
      trust: () => {
        throw new Error('CRL directory unreadable');
      },
      now: Date.now,
      log: (line) => lines.push(line),
    });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const envelope = signEnvelope(
      { region: '430000', expectedLevel: 'normal', body: { kind: 'emergency.propose', toLevel: 'IV', plan: 'p', reason: 'r' } },
      { keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), chainPem: ['-'] },
    );
    const peer = { subject: 'CN=officer-wang,OU=duty-officer,O=430000', name: 'officer-wang', role: 'duty-officer' as const, region: '430000', depot: null };
    try {
      const outcome = executor.signed(peer, envelope.commandId, envelope);
      expect(outcome).toEqual({ status: 'refused', code: 'internal', reason: expect.stringContaining('CRL directory unreadable') });
      expect(store.head().seq).toBe(0);
      expect(executor.ledger.decided(envelope.commandId)).toBeNull();
      expect(executor.ledger.auditRows()).toMatchObject([{ commandId: envelope.commandId, kind: 'signed', status: 'refused', code: 'internal', peerSubject: peer.subject }]);
      expect(lines.some((l) => l.includes(envelope.commandId) && l.includes('CRL directory unreadable'))).toBe(true);
    } finally {
      store.close();
    }
  });
});
