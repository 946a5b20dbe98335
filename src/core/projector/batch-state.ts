import type { ProjectorStatements } from './statements';

/** A stock figure as the batch sees it: `null` while no row exists (a debit of a missing row changes nothing). */
interface Stock {
  readonly a: string;
  readonly b: string;
  quantity: number | null;
  dirty: boolean;
}

interface Lot {
  readonly id: string;
  readonly region: string;
  readonly category: string;
  /** Held (on hand > 0) when the batch first saw it; false for a lot the batch inserted. */
  readonly wasHeld: boolean;
  onHand: number;
  inTransit: number;
  dirty: boolean;
}

interface Usage {
  readonly instructionId: string;
  readonly category: string;
  readonly allowed: number;
  movedIn: number;
  movedOut: number;
  dirty: boolean;
}

interface Transfer {
  readonly id: string;
  readonly lotId: string;
  readonly toDepot: string;
  readonly quantity: number;
  received: number;
  dirty: boolean;
}

/** Change of a depot's stock of one class in the batch (depot_class_stock), and how many movements made it. */
interface ClassChange {
  readonly depot: string;
  readonly cls: string;
  delta: number;
  moves: number;
}

type StockTable = 'lot' | 'depot' | 'province';
/** Named values of an INSERT, bound by name. */
type Row = Record<string, unknown>;

/**
 * What one batch reads and changes, held in memory while the batch is folded and written once
 * at its end, inside the batch's transaction. A batch touches the same depots, lots,
 * instructions and stock figures again and again (an instruction's movements follow it, a
 * province's totals change with every movement); reading each once and writing each final
 * value once replaces several statements per event. Rows are inserted as their events are
 * folded, in log order; only running figures (stock, lot on hand and in transit,
 * instruction usage, transfer receipts) are deferred. Nothing is kept from one batch to the
 * next: every batch starts from the committed tables.
 */
export function createBatchState(s: ProjectorStatements) {
  const depots = new Map<string, string | null>();
  const instructions = new Map<string, string | null>();
  /** Class of each category looked up (null: not defined). */
  const categories = new Map<string, string | null>();
  const classChanges = new Map<string, ClassChange>();
  /** A category changed class in this batch: depot_class_stock is rebuilt at the flush. */
  let reclassified = false;
  const lots = new Map<string, Lot | null>();
  const usage = new Map<string, Usage | null>();
  const transfers = new Map<string, Transfer | null>();
  const stock: Record<StockTable, Map<string, Stock>> = { lot: new Map(), depot: new Map(), province: new Map() };
  const readStock: Record<StockTable, (a: string, b: string) => number | undefined> = {
    lot: (a, b) => s.lotStock.get(a, b)?.quantity,
    depot: (a, b) => s.depotStock.get(a, b)?.quantity,
    province: (a, b) => s.provinceStock.get(a, b)?.quantity,
  };
  const writeStock: Record<StockTable, (a: string, b: string, quantity: number) => void> = {
    lot: (a, b, q) => s.setLotStock.run(a, b, q),
    depot: (a, b, q) => s.setDepotStock.run(a, b, q),
    province: (a, b, q) => s.setProvinceStock.run(a, b, q),
  };

  const stockOf = (table: StockTable, a: string, b: string): Stock => {
    const key = `${a}\u0000${b}`;
    let row = stock[table].get(key);
    if (!row) {
      row = { a, b, quantity: readStock[table](a, b) ?? null, dirty: false };
      stock[table].set(key, row);
    }
    return row;
  };

  const cached = <V>(map: Map<string, V>, key: string, read: () => V): V => {
    if (map.has(key)) return map.get(key) as V;
    const value = read();
    map.set(key, value);
    return value;
  };
  const categoryClass = (code: string): string | null => cached(categories, code, () => s.categoryClass.get(code)?.class ?? null);
  /** Records a movement of a depot's stock of a category (quantity 0: a count) against its class. */
  const moveDepotClass = (depot: string, category: string, quantity: number): void => {
    const cls = categoryClass(category);
    if (cls === null) return;
    const key = `${depot}\u0000${cls}`;
    let row = classChanges.get(key);
    if (!row) classChanges.set(key, (row = { depot, cls, delta: 0, moves: 0 }));
    row.delta += quantity;
    row.moves++;
  };
  const lot = (id: string): Lot | null =>
    cached(lots, id, () => {
      const row = s.lotRow.get(id);
      return row ? { id, region: row.region, category: row.category, wasHeld: row.on_hand > 0, onHand: row.on_hand, inTransit: row.in_transit, dirty: false } : null;
    });
  const transfer = (id: string): Transfer | null =>
    cached(transfers, id, () => {
      const row = s.transfer.get(id);
      return row ? { id, lotId: row.lot_id, toDepot: row.to_depot, quantity: row.quantity, received: row.received, dirty: false } : null;
    });

  /** Lots that became held or stopped being held in the batch, counted per region and category (province_held_lots). */
  const flushHeldLots = (): void => {
    const change = new Map<string, { region: string; category: string; delta: number }>();
    for (const row of lots.values()) {
      if (!row) continue;
      const delta = Number(row.onHand > 0) - Number(row.wasHeld);
      if (delta === 0) continue;
      const key = `${row.region}\u0000${row.category}`;
      const c = change.get(key) ?? { region: row.region, category: row.category, delta: 0 };
      c.delta += delta;
      change.set(key, c);
    }
    for (const c of change.values()) {
      if (c.delta !== 0 && s.addHeldLots.run(c.delta, c.region, c.category).changes === 0) s.insertHeldLots.run(c.region, c.category, c.delta);
    }
  };

  return {
    /** Region of a registered depot, or null. */
    depotRegion: (code: string): string | null => cached(depots, code, () => s.depot.get(code)?.region ?? null),
    insertDepot(row: Row & { code: string; region: string }): void {
      s.insertDepot.run(row);
      depots.set(row.code, row.region);
    },
    /** Region of an issued instruction, or null. */
    instructionRegion: (id: string): string | null => cached(instructions, id, () => s.instruction.get(id)?.region ?? null),
    insertInstruction(row: Row & { id: string; region: string }): void {
      s.insertInstruction.run(row);
      instructions.set(row.id, row.region);
    },
    categoryExists: (code: string): boolean => categoryClass(code) !== null,
    upsertCategory(row: Row & { code: string; class: string }): void {
      const before = categoryClass(row.code);
      if (before !== null && before !== row.class) reclassified = true;
      s.upsertCategory.run(row);
      categories.set(row.code, row.class);
    },
    /** A count of a lot at a depot: no stock changes, but it is a movement of the class there. */
    countedAt: (depot: string, category: string): void => moveDepotClass(depot, category, 0),

    /** A lot's category and running figures, or null. */
    lot,
    insertLot(row: Row & { lotId: string; region: string; category: string; quantity: number }): void {
      s.insertLot.run(row);
      lots.set(row.lotId, { id: row.lotId, region: row.region, category: row.category, wasHeld: false, onHand: row.quantity, inTransit: 0, dirty: false });
    },
    /** Moves a lot's on-hand and in-transit figures (a lot that does not exist is left alone, like an UPDATE of no row). */
    adjustLot(id: string, onHand: number, inTransit: number): void {
      const row = lot(id);
      if (!row) return;
      row.onHand += onHand;
      row.inTransit += inTransit;
      row.dirty = true;
    },

    /** Stock of a lot at a depot, 0 when there is none. */
    lotStock: (lotId: string, depot: string): number => stockOf('lot', lotId, depot).quantity ?? 0,
    /** Adds to a stock figure, creating it when missing. */
    addStock(table: StockTable, a: string, b: string, quantity: number): void {
      const row = stockOf(table, a, b);
      row.quantity = (row.quantity ?? 0) + quantity;
      row.dirty = true;
      if (table === 'depot') moveDepotClass(a, b, quantity);
    },
    /** Takes from a stock figure; a missing one stays missing. */
    subtractStock(table: StockTable, a: string, b: string, quantity: number): void {
      const row = stockOf(table, a, b);
      if (row.quantity === null) return;
      row.quantity -= quantity;
      row.dirty = true;
      if (table === 'depot') moveDepotClass(a, b, -quantity);
    },

    insertUsage(instructionId: string, category: string, region: string, allowed: number): void {
      s.insertUsage.run(instructionId, category, region, allowed);
      usage.set(`${instructionId}\u0000${category}`, { instructionId, category, allowed, movedIn: 0, movedOut: 0, dirty: false });
    },
    /** Adds a movement to an instruction's running total; null when the instruction has no line for the category. */
    countUsage(direction: 'in' | 'out', instructionId: string, category: string, quantity: number): { allowed: number; moved: number } | null {
      const row = cached(usage, `${instructionId}\u0000${category}`, () => {
        const r = s.usageRow.get(instructionId, category);
        return r ? { instructionId, category, allowed: r.allowed, movedIn: r.moved_in, movedOut: r.moved_out, dirty: false } : null;
      });
      if (!row) return null;
      row.dirty = true;
      if (direction === 'in') {
        row.movedIn += quantity;
        return { allowed: row.allowed, moved: row.movedIn };
      }
      row.movedOut += quantity;
      return { allowed: row.allowed, moved: row.movedOut };
    },

    transfer,
    insertTransfer(row: Row & { transferId: string; lotId: string; category: string; fromDepot: string; toDepot: string; quantity: number; sentAt: string }): void {
      const { category, ...transferRow } = row;
      s.insertTransfer.run(transferRow);
      s.insertOpenTransfer.run({ ...transferRow, category });
      transfers.set(row.transferId, { id: row.transferId, lotId: row.lotId, toDepot: row.toDepot, quantity: row.quantity, received: 0, dirty: false });
    },
    receiveTransfer(id: string, quantity: number): void {
      const row = transfer(id);
      if (!row) return;
      row.received += quantity;
      row.dirty = true;
    },

    /**
     * Writes every changed figure once; the caller is inside the batch's transaction. A stock
     * figure below zero still fails its table's CHECK here and the whole batch rolls back.
     */
    flush(): void {
      for (const table of ['lot', 'depot', 'province'] as const) {
        for (const row of stock[table].values()) if (row.dirty && row.quantity !== null) writeStock[table](row.a, row.b, row.quantity);
      }
      if (reclassified) s.rebuildDepotClassStock();
      else {
        for (const c of classChanges.values()) {
          if (s.addDepotClassStock.run(c.delta, c.moves, c.depot, c.cls).changes === 0) s.insertDepotClassStock.run(c.depot, c.cls, c.delta, c.moves);
        }
      }
      for (const row of lots.values()) if (row?.dirty) s.setLotFigures.run(row.onHand, row.inTransit, row.id);
      flushHeldLots();
      for (const row of usage.values()) if (row?.dirty) s.setUsage.run(row.movedIn, row.movedOut, row.instructionId, row.category);
      for (const t of transfers.values()) {
        if (!t?.dirty) continue;
        s.setReceived.run(t.received, t.id);
        if (t.received >= t.quantity) s.closeTransfer.run(t.id);
        else s.setOutstanding.run(t.quantity - t.received, t.id);
      }
    },
    /** Forgets everything: the next batch reads the committed tables again. */
    clear(): void {
      for (const map of [depots, instructions, categories, lots, usage, transfers, stock.lot, stock.depot, stock.province, classChanges]) map.clear();
      reclassified = false;
    },
  };
}

export type BatchState = ReturnType<typeof createBatchState>;
