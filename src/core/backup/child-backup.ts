import { spawn } from 'node:child_process';
import type { BackupPolicy } from './policy';
import type { MakeBackup } from './scheduler';

/**
 * Each scheduled backup runs as `inrs backup create` in a child process: the copy of a national
 * store takes minutes, and the server keeps serving meanwhile (the child reads in its own transaction).
 */
export function backupInChildProcess(options: { dataDir: string; policy: BackupPolicy; identityFile: string; passphraseFile?: string | undefined }): MakeBackup {
  const cli = process.argv[1] ?? '';
  return (out, from) =>
    new Promise((resolve, reject) => {
      const args = [cli, 'backup', 'create', '--data', options.dataDir, '--out', out, '--backup-key', options.policy.backupKeyFile, '--identity', options.identityFile];
      if (options.passphraseFile) args.push('--identity-passphrase-file', options.passphraseFile);
      if (from) args.push('--incremental-from', from);
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(stderr.trim() || `inrs backup create exited ${code ?? '?'}`))));
    });
}
