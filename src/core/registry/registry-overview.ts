import type { RegistryOverview } from '../../shared/contract/registry-schemas';
import type { Db } from '../replica/open';

/**
 * The registry wall's figures from the projected registry tables: per province and asset kind, how
 * many assets were registered, passed verification and are onboarded now (the pipeline); and the
 * assets waiting for a verifier (to inspect, then to onboard once verified), oldest first; the reserve resources available now, for the map.
 */
export function registryOverview(db: Db, region: string | null): RegistryOverview {
  const pipeline = db
    .prepare<[string | null, string | null], RegistryOverview['pipeline'][number]>(
      `SELECT a.region, a.kind,
         count(*) AS registered,
         sum(a.verified_at IS NOT NULL) AS verified,
         sum(a.state = 'failed') AS failed,
         sum(a.state = 'onboarded') AS onboarded,
         sum(a.state = 'suspended') AS suspended,
         sum(a.state = 'withdrawn') AS withdrawn
       FROM registry_assets a WHERE (? IS NULL OR a.region = ?) GROUP BY a.region, a.kind ORDER BY a.region, a.kind`,
    )
    .all(region, region);
  const pending = db
    .prepare<[string | null, string | null], RegistryOverview['pending'][number]>(
      `SELECT asset_id AS assetId, region, asset_region AS assetRegion, kind, name, owner, state, registered_at AS registeredAt
       FROM registry_assets WHERE state IN ('registered', 'verified') AND (? IS NULL OR region = ?) ORDER BY state, registered_at, asset_id`,
    )
    .all(region, region);
  // What the reserve can call on now, for the map: onboarded and available, not suspended or withdrawn.
  const resources = db
    .prepare<[string | null, string | null], RegistryOverview['resources'][number]>(
      `SELECT r.resource_id AS resourceId, r.asset_id AS assetId, r.region, r.kind, r.what, r.amount, r.unit, r.lon, r.lat, a.name
       FROM registry_resources r JOIN registry_assets a ON a.asset_id = r.asset_id
       WHERE r.status = 'available' AND (? IS NULL OR r.region = ?) ORDER BY r.resource_id`,
    )
    .all(region, region);
  return { pipeline, pending, resources };
}
