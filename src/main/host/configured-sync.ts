import { readFileSync } from 'node:fs';
import { loadIdentityFile, readCrlFiles, readPassphraseFile, type PassphraseReader } from '../../core/pki';
import { readSyncConfig } from '../../core/sync/sync-config';
import type { DemoNetwork } from './demo-network';

/**
 * Regions, servers and identity from a sync config file (the same format `inrs sync` reads).
 * The identity opens with its own passphrase, read by `readPassphrase`: the plain 0600 file
 * (browser host), or the copy wrapped by the OS keystore (Electron, safe-storage-passphrase.ts).
 */
export function syncFromConfig(file: string, readPassphrase: PassphraseReader = readPassphraseFile): DemoNetwork {
  const config = readSyncConfig(file);
  return {
    regions: config.regions,
    identity: loadIdentityFile(config.identity, config.passphraseFile, readPassphrase),
    rootPem: readFileSync(config.rootCert, 'utf8'),
    crls: readCrlFiles(config.crls).map((f) => f.pem),
  };
}
