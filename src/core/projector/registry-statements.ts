import type { Db } from '../replica/open';

/** Statements of the civilian asset registry tables; values always bound. */
export function prepareRegistryStatements(db: Db) {
  return {
    registryAsset: db.prepare<[string], { region: string; owner: string; state: string; kind: string; asset: string }>(
      'SELECT region, owner, state, kind, asset FROM registry_assets WHERE asset_id = ?',
    ),
    insertRegistryAsset: db.prepare(
      `INSERT INTO registry_assets (asset_id, region, owner, kind, name, asset_region, lon, lat, state, asset, registered_at, verified_at, seq)
       VALUES (@assetId, @region, @owner, @kind, @name, @assetRegion, @lon, @lat, 'registered', @asset, @at, NULL, @seq)`,
    ),
    setRegistryState: db.prepare<[string, number, string]>('UPDATE registry_assets SET state = ?, seq = ? WHERE asset_id = ?'),
    setRegistryVerified: db.prepare<[string, string]>('UPDATE registry_assets SET verified_at = ? WHERE asset_id = ?'),
    insertRegistryStep: db.prepare(
      `INSERT INTO registry_steps (region, seq, asset_id, type, actor_subject, actor_role, instruction_id, event_time, detail)
       VALUES (@region, @seq, @assetId, @type, @subject, @role, @instructionId, @time, @detail)`,
    ),
    insertRegistryResource: db.prepare(
      `INSERT INTO registry_resources (resource_id, asset_id, region, asset_region, owner, kind, what, amount, unit, lon, lat, status, onboarded_at, instruction_id, seq)
       VALUES (@resourceId, @assetId, @region, @assetRegion, @owner, @kind, @what, @amount, @unit, @lon, @lat, 'available', @at, @instructionId, @seq)`,
    ),
    setResourceStatus: db.prepare<[string, number, string]>('UPDATE registry_resources SET status = ?, seq = ? WHERE asset_id = ?'),
    registryMeterExists: db.prepare<[string, string], number>('SELECT 1 FROM registry_meters WHERE region = ? AND record_id = ?').pluck(),
    insertRegistryMeter: db.prepare(
      `INSERT INTO registry_meters (region, record_id, asset_id, owner, kind, amount, at, seq)
       VALUES (@region, @recordId, @assetId, @owner, @kind, @amount, @at, @seq)`,
    ),
    registryRuleExists: db.prepare<[string, string], number>('SELECT 1 FROM registry_rules WHERE region = ? AND version = ?').pluck(),
    insertRegistryRule: db.prepare(
      `INSERT INTO registry_rules (region, version, effective_from, rules, signer, seq) VALUES (@region, @version, @effectiveFrom, @rules, @signer, @seq)`,
    ),
  };
}
