import type { X509Certificate } from 'node:crypto';
import type { LedgerEntry } from '../../shared/domain/registry';
import { ledgerBalances } from '../../shared/domain/registry';
import type { Db } from '../replica/open';
import { readAssets, registryLedger } from './registry-log';
import { verifyPublishedRules, type VerifiedRule } from './rule-signatures';

/**
 * The contribution ledger as anyone with the log computes it: every rule version re-verified as
 * the national hub's signature first (one that does not verify stops the computation), then
 * each verified registration and meter record priced by the version in force at its own time.
 */
export interface LedgerReport {
  rules: VerifiedRule[];
  entries: (LedgerEntry & { assetName: string })[];
  balances: { contributor: string; units: number }[];
  /** The newest event time the ledger rests on: its data-as-of. */
  asOf: string | null;
}

export function ledgerReport(db: Db, options: { contributor?: string; root?: X509Certificate } = {}): LedgerReport {
  const rules = verifyPublishedRules(db, options.root ? { root: options.root } : {});
  const names = new Map(readAssets(db).map((a) => [a.assetId, a.name]));
  const entries = registryLedger(db, options.contributor ? { contributor: options.contributor } : {}).map((e) => ({ ...e, assetName: names.get(e.assetId) ?? e.assetId }));
  const balances = [...ledgerBalances(entries)].map(([contributor, units]) => ({ contributor, units })).sort((a, b) => a.contributor.localeCompare(b.contributor));
  if (options.contributor && balances.length === 0) balances.push({ contributor: options.contributor, units: 0 });
  const asOf = db.prepare<[], string | null>("SELECT max(event_time) FROM events WHERE type LIKE 'registry.%'").pluck().get() ?? null;
  return { rules, entries, balances, asOf };
}
