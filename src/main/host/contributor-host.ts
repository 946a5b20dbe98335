import { channels, HostError, type ChannelName } from '../../shared/contract';
import type { ContributorInfo, HolderInstruction, OwnAsset } from '../../shared/contract/contributor-schemas';
import { AssetFileError, parseAssetFile } from '../../shared/domain/registry';
import type { RegistryOp } from '../../shared/protocol/registry-frames';
import { certInfo } from '../../core/pki';
import { connectRegistry, RegistryRefusal, type RegistryConnection } from '../../core/registry/registry-client';
import type { LinkIdentity } from '../../core/sync/region-link';
import { createDispatcher, type Dispatch, type HostHandlers, type SenderInfo } from './dispatcher';
import { HostEventHub } from './host-events';

/**
 * A contributor's workstation: the app signed in with a contributor's certificate opens no replica
 * and no event stream; its only source is the contributor's registry-only session to its
 * regional server, which enforces the contributor firewall. Every channel but the contributor's
 * own is refused here too (`not-served`), so no reserve view can even be asked for.
 */
export interface ContributorHostOptions {
  identity: LinkIdentity;
  rootPem: string;
  server: string;
  version: string;
  host: 'electron' | 'browser';
  isTrustedSender(sender: SenderInfo): boolean;
  log(line: string): void;
  /** Connects the registry session (the real client; a test may count connections). */
  connect?: typeof connectRegistry;
}

export interface ContributorHost {
  info: ContributorInfo;
  dispatch: Dispatch;
  events: HostEventHub;
  close(): void;
}

/** The contributor a certificate names, or an Error saying why it is not a contributor's. */
export function contributorOf(identity: LinkIdentity, server: string): ContributorInfo {
  const leaf = identity.chainPem[0];
  if (!leaf) throw new Error('the identity holds no certificate');
  const info = certInfo(leaf);
  if (info.role !== 'contributor' || !info.region) {
    throw new Error(`certificate ${info.subject} is a ${info.role ?? 'certificate without an INRS role'}, not a civilian contributor's`);
  }
  return { subject: `CN=${info.name},OU=${info.role},O=${info.region}`, name: info.name, region: info.region, server };
}

export function createContributorHost(options: ContributorHostOptions): ContributorHost {
  const info = contributorOf(options.identity, options.server);
  const connect = options.connect ?? connectRegistry;
  let session: Promise<RegistryConnection> | null = null;

  const sessionNow = (what: string): Promise<RegistryConnection> => {
    if (session) return session;
    const opening = connect(options.server, options.identity, options.rootPem).catch((err: unknown) => {
      session = null;
      options.log(`registry session to ${options.server} as ${info.subject} failed: ${(err as Error).message}`);
      throw new HostError('not-connected', `${what}: no registry session to ${options.server}: ${(err as Error).message}`);
    });
    session = opening;
    return opening;
  };

  /** One request; a refusal is the server's answer, a broken session a HostError (the next call reconnects). */
  const ask = async (what: string, op: RegistryOp): Promise<{ refused: RegistryRefusal } | { seq: number | null; value: unknown }> => {
    const open = await sessionNow(what);
    try {
      return await open.step(op);
    } catch (err) {
      if (err instanceof RegistryRefusal) return { refused: err };
      session = null;
      open.close();
      throw new HostError('not-connected', `${what}: ${(err as Error).message}`);
    }
  };

  const refusal = (r: RegistryRefusal) => ({ status: 'refused' as const, code: r.code, reason: r.reason, seq: null });

  const refuse = (channel: ChannelName) => () => {
    throw new HostError('not-served', `${channel}: a contributor's workstation reads only the contributor's own assets`);
  };
  const handlers = Object.fromEntries((Object.keys(channels) as ChannelName[]).map((c) => [c, refuse(c)])) as unknown as HostHandlers;
  Object.assign(handlers, {
    'app:info': () => ({ version: options.version, host: options.host, replicaPath: '', demo: false, contributor: info }),
    'contributor:assets': async () => {
      const answer = await ask('contributor:assets', { op: 'assets' });
      if ('refused' in answer) throw new HostError('not-connected', `contributor:assets: refused by the server [${answer.refused.code}]: ${answer.refused.reason}`);
      return { assets: answer.value as OwnAsset[] };
    },
    'contributor:instructions': async () => {
      const answer = await ask('contributor:instructions', { op: 'instructions' });
      if ('refused' in answer) throw new HostError('not-connected', `contributor:instructions: refused by the server [${answer.refused.code}]: ${answer.refused.reason}`);
      return { instructions: answer.value as HolderInstruction[] };
    },
    'contributor:register': async ({ text }: { text: string }) => {
      let asset;
      try {
        asset = parseAssetFile(text);
      } catch (err) {
        if (err instanceof AssetFileError) throw new HostError('bad-request', err.message);
        throw err;
      }
      const answer = await ask('contributor:register', { op: 'register', asset });
      if ('refused' in answer) return { ...refusal(answer.refused), assetId: null };
      return { status: 'accepted', code: null, reason: null, seq: answer.seq, assetId: (answer.value as { assetId: string }).assetId };
    },
    'contributor:withdraw': async ({ assetId, reason }: { assetId: string; reason: string }) => {
      const answer = await ask('contributor:withdraw', { op: 'withdraw', assetId, reason });
      if ('refused' in answer) return refusal(answer.refused);
      return { status: 'accepted', code: null, reason: null, seq: answer.seq };
    },
  } satisfies Partial<HostHandlers>);

  const dispatch = createDispatcher(handlers, {
    isTrustedSender: options.isTrustedSender,
    onInternalError: (channel, err) => options.log(`${channel} failed: ${(err as Error).stack ?? String(err)}`),
  });
  return {
    info,
    dispatch,
    events: new HostEventHub(),
    close: () => {
      void session?.then((c) => c.close()).catch(() => undefined);
      session = null;
    },
  };
}
