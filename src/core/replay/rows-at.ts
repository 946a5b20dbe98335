import type { CategoryClass } from '../../shared/domain/events';
import type { CategoryRef } from '../replica/situation/scope';
import type { DepotClassStockRow, DepotRow, SituationStatements } from '../replica/situation/statements';
import type { StockAt } from './state-at';

/** Everything that existed at the moment: depots (by code), categories, and the stock rows. */
export interface WorldAt {
  depots: DepotRow[];
  categories: CategoryRef[];
  stock: StockAt;
}

type Lists = { categories: string; classes: string; regions: string };
const set = (json: string) => new Set(JSON.parse(json) as string[]);
/** SQLite's BINARY collation on ASCII keys: code-unit order, not the locale's. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A prepared statement's `all`, served from rows already in memory. */
function statement<K extends keyof SituationStatements>(all: (params: never) => unknown[]): SituationStatements[K] {
  return { all } as unknown as SituationStatements[K];
}

/**
 * The situation statements answered from the world at a moment instead of the tables: each
 * one returns the rows (same columns, same filters, same order) its SQL would return on a
 * replica holding the log up to that moment, so computeFacts derives every figure unchanged.
 * Statements the figures do not read at a moment (heads, reference lists) stay the live ones.
 */
export function statementsAt(live: SituationStatements, world: WorldAt): SituationStatements {
  const depotByCode = new Map(world.depots.map((d) => [d.code, d]));
  const categoryByCode = new Map(world.categories.map((c) => [c.code, c]));
  const { stock } = world;
  return {
    ...live,
    depots: statement<'depots'>((p: Pick<Lists, 'classes' | 'regions'>) => {
      const regions = set(p.regions);
      const classes = set(p.classes);
      return world.depots.filter((d) => regions.has(d.region) && Object.keys(JSON.parse(d.capacity) as object).some((k) => classes.has(k)));
    }),
    depotClassStock: statement<'depotClassStock'>((p: Lists) => {
      const regions = set(p.regions);
      const classes = set(p.classes);
      const selected = set(p.categories);
      const rows: DepotClassStockRow[] = [];
      for (const d of world.depots) {
        if (!regions.has(d.region)) continue;
        const byClass = new Map<CategoryClass, DepotClassStockRow>();
        for (const [code, quantity] of stock.depotStock.get(d.code) ?? []) {
          const c = categoryByCode.get(code);
          if (!c || !classes.has(c.class)) continue;
          let row = byClass.get(c.class);
          if (!row) byClass.set(c.class, (row = { depot: d.code, class: c.class, held: 0, selected: 0, person_days: 0 }));
          row.held += quantity;
          if (selected.has(code)) {
            row.selected += quantity;
            if (c.perCapitaDaily > 0) row.person_days += quantity / c.perCapitaDaily;
          }
        }
        rows.push(...byClass.values());
      }
      return rows;
    }),
    lotsExpiringBy: statement<'lotsExpiringBy'>((p: Pick<Lists, 'categories' | 'regions'> & { until: string }) => {
      const regions = set(p.regions);
      const categories = set(p.categories);
      return stock.expiringLots
        .filter((l) => regions.has(l.region) && categories.has(l.category) && l.expiry <= p.until && categoryByCode.has(l.category))
        .map((l) => ({ region: l.region, class: categoryByCode.get(l.category)?.class ?? '', on_hand: l.onHand, expiry_date: l.expiry }));
    }),
    holdingsExpiringBy: statement<'holdingsExpiringBy'>((p: Pick<Lists, 'categories' | 'regions'> & { until: string }) => {
      const regions = set(p.regions);
      const categories = set(p.categories);
      const rows = [];
      for (const h of stock.expiringHoldings) {
        const d = depotByCode.get(h.depot);
        if (!d || !regions.has(h.lotRegion) || !categories.has(h.category) || h.expiry > p.until) continue;
        rows.push({ lot_id: h.lot, depot: h.depot, quantity: h.quantity, category: h.category, expiry_date: h.expiry, region: d.region, lon: d.lon, lat: d.lat });
      }
      return rows.sort((a, b) => cmp(a.expiry_date, b.expiry_date) || cmp(a.lot_id, b.lot_id) || cmp(a.depot, b.depot));
    }),
    heldLotsByRegion: statement<'heldLotsByRegion'>((p: Pick<Lists, 'categories' | 'regions'>) => {
      const regions = set(p.regions);
      const categories = set(p.categories);
      const n = new Map<string, number>();
      for (const [k, count] of stock.heldCount) {
        const [region = '', category = ''] = k.split('\u0000');
        if (count > 0 && regions.has(region) && categories.has(category)) n.set(region, (n.get(region) ?? 0) + count);
      }
      return [...n].map(([region, count]) => ({ region, n: count }));
    }),
    transfersInFlight: statement<'transfersInFlight'>((p: Pick<Lists, 'categories' | 'regions'>) => {
      const regions = set(p.regions);
      const categories = set(p.categories);
      const rows = [];
      for (const t of stock.transfers) {
        const f = depotByCode.get(t.fromDepot);
        const d = depotByCode.get(t.toDepot);
        if (!f || !d || !categories.has(t.category) || !regions.has(f.region)) continue;
        rows.push({
          transfer_id: t.transferId,
          lot_id: t.lotId,
          category: t.category,
          outstanding: t.outstanding,
          from_depot: t.fromDepot,
          to_depot: t.toDepot,
          from_lon: f.lon,
          from_lat: f.lat,
          to_lon: d.lon,
          to_lat: d.lat,
          region: f.region,
          sent_at: t.sentAt,
        });
      }
      return rows.sort((a, b) => cmp(b.sent_at, a.sent_at) || cmp(a.transfer_id, b.transfer_id));
    }),
    recordedAlerts: (p: { regions: string; categories: string }) => {
      const regions = set(p.regions);
      const categories = set(p.categories);
      return stock.alerts
        .filter((a) => regions.has(a.region) && (!a.hasLot || (a.lotCategory !== null && categories.has(a.lotCategory))))
        .map((a) => {
          const d = a.depot === null ? undefined : depotByCode.get(a.depot);
          const category = a.hasLot ? a.lotCategory : null;
          const cls = category === null ? null : (categoryByCode.get(category)?.class ?? null);
          return { id: a.id, kind: a.kind, severity: a.severity, region: a.region, depot: a.depot, category, class: cls, raised_at: a.raisedAt, lon: d?.lon ?? null, lat: d?.lat ?? null };
        })
        .sort((a, b) => cmp(b.raised_at, a.raised_at) || cmp(a.id, b.id));
    },
  };
}
