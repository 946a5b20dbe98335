import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadIdentity, readCrlFiles, readPassphrase } from '../../core/pki';
import { readSyncConfig } from '../../core/sync/sync-config';
import type { DemoNetwork } from './demo-network';

/** Regions, servers and identity from a sync config file (the same format `inrs sync` reads). */
export function syncFromConfig(file: string): DemoNetwork {
  const config = readSyncConfig(file);
  const passphrase = readPassphrase(dirname(config.passphraseFile), config.passphraseFile);
  return {
    regions: config.regions,
    identity: loadIdentity(config.identity, passphrase),
    rootPem: readFileSync(config.rootCert, 'utf8'),
    crls: readCrlFiles(config.crls).map((f) => f.pem),
  };
}
