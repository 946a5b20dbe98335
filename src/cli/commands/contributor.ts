import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AssetFileError, parseAssetFile } from '../../shared/domain/registry';
import { loadIdentityFile, PkiError } from '../../core/pki';
import { connectRegistry, RegistryClientError, rootOfChain, type RegistryConnection } from '../../core/registry/registry-client';
import { CliError, requireOption } from '../cli-error';

export const contributorHelp = `inrs contributor register --server wss://HOST:PORT --identity FILE.p12 [--passphrase-file FILE] --asset FILE.json [--root root.crt]
  Registers a civilian asset (the asset file, README "Civilian asset registry") with the regional
  server as the contributor the certificate names, and prints the new asset id. The asset file is
  checked first: a bad one names its field and nothing is sent.

inrs contributor assets --server wss://HOST:PORT --identity FILE.p12 [--passphrase-file FILE] [--root root.crt] [--json]
  The contributor's own assets with their state and contribution balance.

inrs contributor instructions --server wss://HOST:PORT --identity FILE.p12 [--passphrase-file FILE] [--root root.crt] [--json]
  The instructions addressed to the contributor as the holder of civilian stock, newest first.
  The server is trusted through the national root in the identity's chain (or --root).`;

const connection = {
  server: { type: 'string' },
  identity: { type: 'string' },
  'passphrase-file': { type: 'string' },
  root: { type: 'string' },
} as const;

async function open(values: { server?: string; identity?: string; 'passphrase-file'?: string; root?: string }): Promise<RegistryConnection> {
  const server = requireOption(values, 'server');
  if (!/^wss:\/\//.test(server)) throw new CliError(`--server must be a wss:// address, not ${server}`);
  const identityFile = requireOption(values, 'identity');
  let identity;
  try {
    identity = values['passphrase-file'] ? loadIdentityFile(identityFile, values['passphrase-file']) : loadIdentityFile(identityFile);
  } catch (err) {
    if (err instanceof PkiError) throw new CliError(err.message, 1);
    throw err;
  }
  const root = values.root ? readFileSync(values.root, 'utf8') : rootOfChain(identity);
  if (!root) throw new CliError(`${identityFile} carries no national root in its chain; give --root root.crt`);
  try {
    return await connectRegistry(server, identity, root);
  } catch (err) {
    if (err instanceof RegistryClientError) throw new CliError(err.message, 1);
    throw err;
  }
}

async function ask(connection: RegistryConnection, op: Parameters<RegistryConnection['request']>[0]): Promise<unknown> {
  try {
    return await connection.request(op);
  } catch (err) {
    if (err instanceof RegistryClientError) throw new CliError(err.message, 1);
    throw err;
  } finally {
    connection.close();
  }
}

async function runRegister(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...connection, asset: { type: 'string' } }, strict: true });
  const file = requireOption(values, 'asset');
  let asset;
  try {
    asset = parseAssetFile(readFileSync(file, 'utf8'));
  } catch (err) {
    if (err instanceof AssetFileError) throw new CliError(`${file}: ${err.message}`);
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
  const value = (await ask(await open(values), { op: 'register', asset })) as { assetId: string };
  process.stdout.write(`${value.assetId}\n`);
}

interface OwnAsset {
  assetId: string;
  kind: string;
  name: string;
  state: string;
  balance: number;
}

async function runAssets(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...connection, json: { type: 'boolean', default: false } }, strict: true });
  const assets = (await ask(await open(values), { op: 'assets' })) as OwnAsset[];
  if (values.json) return void process.stdout.write(`${JSON.stringify(assets, null, 2)}\n`);
  const lines = assets.map((a) => `${a.assetId}  ${a.kind.padEnd(10)} ${a.state.padEnd(10)} ${String(a.balance).padStart(10)} units  ${a.name}`);
  process.stdout.write(`${lines.length ? lines.join('\n') : 'no asset registered yet'}\n`);
}

interface HolderInstruction {
  id: string;
  kind: string;
  issuer: string;
  issuedAt: string;
  acknowledgedBy: string | null;
  lines: { category: string; quantity: number; fromCivilian?: string; fromDepot?: string; toRegion?: string; toDepot?: string }[];
  transport?: { unit: string; tonnes: number; days: number };
}

async function runInstructions(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...connection, json: { type: 'boolean', default: false } }, strict: true });
  const instructions = (await ask(await open(values), { op: 'instructions' })) as HolderInstruction[];
  if (values.json) return void process.stdout.write(`${JSON.stringify(instructions, null, 2)}\n`);
  const lines = instructions.map((i) => {
    const from = (l: HolderInstruction['lines'][number]) => (l.fromCivilian ? ` from ${l.fromCivilian}` : l.fromDepot ? ` loaded at ${l.fromDepot}` : '');
    const call = i.transport ? `transport ${i.transport.unit}: ${i.transport.tonnes} t in ${i.transport.days} days: ` : '';
    const what = call + i.lines.map((l) => `${l.quantity} ${l.category}${from(l)} to ${l.toRegion ?? l.toDepot ?? '?'}`).join('; ');
    return `${i.issuedAt.slice(0, 16)}  ${i.id}  ${i.kind}  ${i.acknowledgedBy ? 'acknowledged' : 'open'}  ${what}  (by ${i.issuer})`;
  });
  process.stdout.write(`${lines.length ? lines.join('\n') : 'no instruction addressed to you'}\n`);
}

export const contributorCommands: Record<string, (args: string[]) => Promise<void>> = {
  'contributor register': runRegister,
  'contributor assets': runAssets,
  'contributor instructions': runInstructions,
};
