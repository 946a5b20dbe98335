import { EVENT_COLUMNS, eventOfRow, type EventRow } from '../audit/event-row';
import { LOT_EVENT_TYPES_SQL } from '../replica/migrations/004-lifecycle-alerts';
import type { Db } from '../replica/open';
import { createTraceRows } from '../trace/trace-rows';
import { openEpcisDocument } from './document-writer';
import { toEpcisEvents, type EpcisLookups, type SourceEvent } from './map-event';

export interface EpcisExportOptions {
  /** One lot's life (with the corrections citing it)… */
  lotId?: string;
  /** …or every lot movement whose event time is at or after this ISO time; neither: all. */
  since?: string;
  now?: Date;
}

type RegionRow = [region: string, ...row: EventRow];

function toSource([region, ...r]: RegionRow): SourceEvent {
  return eventOfRow(region, r);
}

function createLookups(db: Db): EpcisLookups {
  const lot = db.prepare<[string], { category: string; unit_en: string | null }>(
    'SELECT l.category, c.unit_en FROM lots l LEFT JOIN categories c ON c.code = l.category WHERE l.id = ?',
  );
  const kind = db.prepare<[string], string>('SELECT kind FROM instructions WHERE id = ?').pluck();
  const source = db.prepare<[string], string>('SELECT from_depot FROM transfers WHERE transfer_id = ?').pluck();
  const at = db.prepare<[string, number], RegionRow>(`SELECT region, ${EVENT_COLUMNS} FROM events WHERE region = ? AND seq = ?`).raw();
  return {
    lot: (lotId) => {
      const row = lot.get(lotId);
      return row ? { category: row.category, unitEn: row.unit_en } : null;
    },
    instructionKind: (id) => kind.get(id) ?? null,
    transferSource: (id) => source.get(id) ?? null,
    eventAt: (region, seq) => {
      const row = at.get(region, seq);
      return row ? toSource(row) : null;
    },
  };
}

function* selected(db: Db, options: EpcisExportOptions): Generator<SourceEvent> {
  if (options.lotId !== undefined) {
    const events = createTraceRows(db).ofLot(options.lotId);
    if (events.length === 0) throw new Error(`no events of lot ${options.lotId}`);
    yield* events;
    return;
  }
  // Times are compared as instants: stored ones may or may not carry milliseconds.
  const since = options.since ?? '0000-01-01T00:00:00Z';
  const rows = db
    .prepare<[string], RegionRow>(
      `SELECT region, ${EVENT_COLUMNS} FROM events WHERE type IN (${LOT_EVENT_TYPES_SQL}) AND julianday(event_time) >= julianday(?) ORDER BY region, seq`,
    )
    .raw();
  for (const row of rows.iterate(since) as Iterable<RegionRow>) yield toSource(row);
}

/** Writes the selected lot movements as one EPCIS 2.0 JSON-LD EPCISDocument. */
export function exportEpcis(db: Db, out: string, options: EpcisExportOptions = {}): { events: number; epcisEvents: number; millis: number } {
  const started = performance.now();
  const lookups = createLookups(db);
  const doc = openEpcisDocument(out, options.now ?? new Date());
  let events = 0;
  try {
    for (const event of selected(db, options)) {
      events++;
      for (const epcis of toEpcisEvents(event, lookups)) doc.add(epcis);
    }
    doc.commit();
  } catch (err) {
    doc.abandon();
    throw err;
  }
  return { events, epcisEvents: doc.count, millis: Math.round(performance.now() - started) };
}
