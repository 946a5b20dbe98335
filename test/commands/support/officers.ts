import { sign as cryptoSign } from 'node:crypto';
import type { RegionalServer, RegionalServerOptions } from '../../../src/core/regional/regional-server';
import { signEnvelope, type EnvelopeRequest } from '../../../src/core/commands/sign-envelope';
import type { LinkIdentity } from '../../../src/core/sync/region-link';
import { envelopeSigningText, type SignedEnvelope } from '../../../src/shared/protocol/command-envelope';
import type { EmergencyLevel } from '../../../src/shared/domain/emergency';
import { openRegionalStore } from '../../../src/core/regional/regional-store';
import { TestNetwork } from '../../sync/network';

export const REGION = '430000';

export interface Officer extends LinkIdentity {
  /** The subject the server records as actor: CN=name,OU=role,O=region. */
  subject: string;
  p12: string;
}

export interface CommandNet {
  net: TestNetwork;
  server: RegionalServer;
  /** The server's data dir (its encrypted store). */
  dataDir: string;
  /** Two duty officers of Hunan. */
  officerA: Officer;
  officerB: Officer;
  commander: Officer;
  /** A duty officer of Sichuan: right role, wrong region. */
  sichuanOfficer: Officer;
  wall: Officer;
  auditor: Officer;
  contributor: Officer;
  /** The operator of a Hunan depot that holds stock. */
  operator: Officer;
  operatorDepot: string;
  /** Shifts the server's command clock (co-signature windows) against real time. */
  clock: { offsetMs: number; now(): number };
}

/**
 * A real loopback network for command tests: the project's PKI, a seeded Hunan regional server
 * with mutual TLS, and officer certificates for every role, all issued before the server starts
 * so its CRLs cover every intermediate they need.
 */
export async function commandNet(extra: Partial<RegionalServerOptions> = {}): Promise<CommandNet> {
  const net = new TestNetwork();
  const dataDir = net.seededStore(REGION);
  const operatorDepot = depotWithStock(dataDir);
  const person = (name: string, role: string, region: string, depot?: string): Officer => {
    const p12 = net.issue({ kind: 'client', region, role, name, ...(depot ? { depot } : {}) });
    return { ...net.identity(p12), subject: `CN=${name},OU=${role},O=${region}`, p12 };
  };
  const officerA = person('officer-wang', 'duty-officer', REGION);
  const officerB = person('officer-li', 'duty-officer', REGION);
  const commander = person('commander-zhao', 'national-commander', '000000');
  const sichuanOfficer = person('officer-chen', 'duty-officer', '510000');
  const wall = person('wall-screen', 'wall', REGION);
  const auditor = person('auditor-sun', 'auditor', REGION);
  const contributor = person('contributor-zhou', 'contributor', REGION);
  const operator = person('operator-liu', 'depot-operator', REGION, operatorDepot);
  const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
  const server = await net.server(REGION, dataDir, { now: () => clock.now(), ...extra });
  return { net, server, dataDir, officerA, officerB, commander, sichuanOfficer, wall, auditor, contributor, operator, operatorDepot, clock };
}

/** A Hunan depot that holds stock, read from the store before the server opens it. */
function depotWithStock(dataDir: string): string {
  const store = openRegionalStore(dataDir, REGION);
  try {
    const found = store.replica.db
      .prepare<[string], string>('SELECT s.depot FROM lot_stock s JOIN depots d ON d.code = s.depot WHERE d.region = ? AND s.quantity > 10 ORDER BY s.depot LIMIT 1')
      .pluck()
      .get(REGION);
    if (!found) throw new Error('the seeded region has no depot with stock');
    return found;
  } finally {
    store.close();
  }
}

/** Signs a command as `officer` at the server's clock. */
export function sign(cn: CommandNet, officer: Officer, request: Omit<EnvelopeRequest, 'region' | 'now'> & { region?: string; now?: number }): SignedEnvelope {
  return signEnvelope({ region: REGION, now: cn.clock.now(), ...request }, officer);
}

export const propose = (cn: CommandNet, officer: Officer, expectedLevel: EmergencyLevel, toLevel: EmergencyLevel): SignedEnvelope =>
  sign(cn, officer, { expectedLevel, body: { kind: 'emergency.propose', toLevel, plan: '防汛Ⅱ级应急预案', reason: '洞庭湖水位超警戒' } });

export const cosign = (cn: CommandNet, officer: Officer, expectedLevel: EmergencyLevel, proposalId: string): SignedEnvelope =>
  sign(cn, officer, { expectedLevel, body: { kind: 'emergency.cosign', proposalId } });

/** The region's level on the server (no row: normal). */
export function serverLevel(cn: CommandNet): string {
  return cn.server.store.replica.db.prepare<[string], string>('SELECT level FROM emergency_levels WHERE region = ?').pluck().get(REGION) ?? 'normal';
}

/** Events of `type` in the region's log on the server. */
export function countEvents(cn: CommandNet, type: string): number {
  return cn.server.store.replica.db.prepare<[string, string], number>('SELECT count(*) FROM events WHERE region = ? AND type = ?').pluck().get(REGION, type) ?? 0;
}

/** The audit rows of one command id. */
export function auditOf(cn: CommandNet, commandId: string) {
  return cn.server.commands.ledger.auditRows().filter((r) => r.commandId === commandId);
}

/** The same envelope with `changes`, signed again with `officer`'s key (a replay built by someone holding a key). */
export function resign(envelope: SignedEnvelope, officer: Officer, changes: Partial<SignedEnvelope>): SignedEnvelope {
  const { signature: _old, ...unsigned } = envelope;
  const next = { ...unsigned, ...changes };
  return { ...next, signature: cryptoSign('sha256', Buffer.from(envelopeSigningText(next)), officer.keyPem).toString('base64') };
}
