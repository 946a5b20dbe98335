import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, relative, isAbsolute } from 'node:path';
import { HostError } from '../../shared/contract';
import type { BriefingDeliverResponse } from '../../shared/contract/briefing-schemas';
import { briefingsDir } from '../../core/briefing/host-export';

/** How a shell hands a written briefing to the officer (browser: a download; Electron: a save dialog). */
export interface BriefingDelivery {
  deliver(file: string, name: string): Promise<BriefingDeliverResponse>;
}

/**
 * The host's `briefing:deliver`: only a PDF in the briefings folder beside the replica is handed
 * out, so the channel cannot be used to read any other file of the machine.
 */
export async function deliverBriefing(replicaPath: string, file: string, delivery: BriefingDelivery | undefined): Promise<BriefingDeliverResponse> {
  if (!delivery) throw new HostError('internal', 'briefing:deliver: this host has no way to hand out files');
  const dir = briefingsDir(replicaPath);
  if (!isAbsolute(file) || !file.endsWith('.pdf') || !existsSync(file) || !existsSync(dir)) {
    throw new HostError('not-found', `briefing:deliver: no briefing ${file}`);
  }
  const real = realpathSync(file);
  const inside = relative(realpathSync(dir), real);
  if (inside.startsWith('..') || isAbsolute(inside) || dirname(inside) !== '.' || !statSync(real).isFile()) {
    throw new HostError('bad-request', `briefing:deliver: ${file} is not a briefing of this host`);
  }
  return delivery.deliver(real, basename(real));
}
