import type { RegistryAnswer, RegistryVerifier } from '../../shared/contract/registry-schemas';
import { HostError } from '../../shared/contract';
import type { RegistryOp } from '../../shared/protocol/registry-frames';
import { certInfo } from '../../core/pki';
import { connectRegistry, RegistryRefusal, type RegistryConnection } from '../../core/registry/registry-client';
import type { LinkIdentity } from '../../core/sync/region-link';

/**
 * A registry verifier's steps from the app: the workstation holds the verifier's certificate
 * beside its link identity and opens a registry-only session with it (mutual TLS) to the asset's
 * regional server, which decides (the verifier's province, the asset's state) and audits every
 * step. Nothing of the region's stream comes over that session: the app's replica learns of the
 * step through its ordinary link, like any other event.
 */
export interface RegistryActions {
  readonly verifier: NonNullable<RegistryVerifier>;
  /** Sends one lifecycle step; a refusal is an answer, an unreachable server a HostError. */
  send(region: string, op: Extract<RegistryOp, { op: 'verify' | 'onboard' | 'suspend' | 'meter' }>): Promise<RegistryAnswer>;
  close(): void;
}

export interface RegistryActionsOptions {
  identity: LinkIdentity;
  rootPem: string;
  regions: Record<string, { urls: string[] }>;
  log(line: string): void;
  /** Connects a registry session (the real client; a test may count connections). */
  connect?: typeof connectRegistry;
}

/** The verifier a certificate names, or an Error saying why it is not a registry verifier's. */
export function verifierOf(identity: LinkIdentity): NonNullable<RegistryVerifier> {
  const leaf = identity.chainPem[0];
  if (!leaf) throw new Error('the registry identity holds no certificate');
  const info = certInfo(leaf);
  if (info.role !== 'registry-verifier' || !info.region) {
    throw new Error(`certificate ${info.subject} is a ${info.role ?? 'certificate without an INRS role'}, not a registry verifier's`);
  }
  return { subject: `CN=${info.name},OU=${info.role},O=${info.region}`, name: info.name, region: info.region };
}

export function createRegistryActions(options: RegistryActionsOptions): RegistryActions {
  const verifier = verifierOf(options.identity);
  const connect = options.connect ?? connectRegistry;
  const sessions = new Map<string, Promise<RegistryConnection>>();

  /** One session per region, opened on first use and again after it failed. */
  const sessionFor = (region: string, what: string): Promise<RegistryConnection> => {
    const open = sessions.get(region);
    if (open) return open;
    const urls = options.regions[region]?.urls ?? [];
    if (urls.length === 0) return Promise.reject(new HostError('not-connected', `${what}: this workstation has no link to the server of region ${region}`));
    const opening = (async () => {
      let last: Error | null = null;
      for (const url of urls) {
        try {
          return await connect(url, options.identity, options.rootPem);
        } catch (err) {
          last = err as Error;
          options.log(`registry session to ${url} as ${verifier.subject} failed: ${last.message}`);
        }
      }
      throw new HostError('not-connected', `${what}: no registry session to region ${region}: ${last?.message ?? 'no server'}`);
    })();
    sessions.set(region, opening);
    opening.catch(() => sessions.delete(region));
    return opening;
  };

  return {
    verifier,
    send: async (region, op) => {
      const what = `registry:${op.op}`;
      let session: RegistryConnection;
      try {
        session = await sessionFor(region, what);
      } catch (err) {
        // Refused at the door (a verifier of another province): the server's answer, not a lost link.
        const door = /server refused the connection: (403 .*)$/.exec((err as Error).message);
        if (door) return { status: 'refused', code: 'role', reason: door[1] ?? '', seq: null };
        throw err;
      }
      let seq: number | null;
      try {
        ({ seq } = await session.step(op));
      } catch (err) {
        if (err instanceof RegistryRefusal) return { status: 'refused', code: err.code, reason: err.reason, seq: null };
        // The session broke: the next step opens a new one.
        sessions.delete(region);
        session.close();
        throw new HostError('not-connected', `${what}: ${(err as Error).message}`);
      }
      return { status: 'accepted', code: null, reason: null, seq };
    },
    close: () => {
      for (const s of sessions.values()) s.then((c) => c.close()).catch(() => undefined);
      sessions.clear();
    },
  };
}
