import { z } from 'zod';
import { instructionSchema } from '../domain/instruction-schema';
import {
  actorSchema,
  categoryDefinedSchema,
  depotRegisteredSchema,
  DISPOSAL_REASONS,
  MOVEMENT_TYPES,
  regionDeclaredSchema,
  stockInspectedSchema,
  type EventType,
} from '../domain/events';

/**
 * A fast acceptance check for `events` frames, the bulk of a catch-up (up to 1000 events a
 * frame). The zod schemas stay the definition: this only answers "certainly valid as is" for
 * the common event types, checking every rule their schemas state (types, lengths in code
 * points, integer ranges, patterns, enums, the instruction rule) and that no object carries a
 * key the schema would strip. Anything else, including every malformed frame, goes to the zod
 * schema, which decides and names what is wrong. So a frame accepted here is exactly the
 * frame zod would return, without the cost of building it again (about 20 µs an event).
 */

type Check = (value: unknown) => boolean;
type Shape = Readonly<Record<string, Check>>;

const HEX64 = /^[0-9a-f]{64}$/;
const ADCODE = /^\d{6}$/;
// The very patterns behind z.iso.datetime() and z.iso.date().
const ISO_TIME = z.regexes.datetime({ offset: false, local: false, precision: null });
const ISO_DATE = z.regexes.date;

/** zod measures string length in code points: a surrogate pair counts once. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

/** A string of 1 to `max` code points (any length when `max` is absent). */
const text =
  (max = Infinity): Check =>
  (v) =>
    typeof v === 'string' && v.length > 0 && (v.length <= max || codePoints(v) <= max);
const pattern =
  (re: RegExp): Check =>
  (v) =>
    typeof v === 'string' && re.test(v);
const oneOf = (values: readonly string[]): Check => {
  const set = new Set(values);
  return (v) => typeof v === 'string' && set.has(v);
};
const int =
  (min: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const number =
  (min: number, max = Infinity): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const list =
  (item: Check, min: number, max = Infinity): Check =>
  (v) => {
    if (!Array.isArray(v) || v.length < min || v.length > max) return false;
    for (const x of v) if (!item(x)) return false;
    return true;
  };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every required key valid, every optional one valid when present, and no other key. */
function object(required: Shape, optional: Shape = {}): Check & { keys: string[] } {
  const req = Object.entries(required);
  const opt = Object.entries(optional);
  const check = (v: unknown): boolean => {
    if (!isRecord(v)) return false;
    let expected = req.length;
    for (const [key, valid] of req) if (!valid(v[key])) return false;
    for (const [key, valid] of opt) {
      const x = v[key];
      if (x === undefined) continue;
      if (!valid(x)) return false;
      expected++;
    }
    let keys = 0;
    for (const key in v) {
      if (key === '__proto__') return false;
      keys++;
    }
    return keys === expected;
  };
  return Object.assign(check, { keys: [...req.map(([k]) => k), ...opt.map(([k]) => k)] });
}

/** A string-keyed record of non-negative numbers. */
const capacities: Check = (v) => {
  if (!isRecord(v)) return false;
  for (const key in v) if (key === '__proto__' || !number(0)(v[key])) return false;
  return true;
};

const code = text(64);
const quantity = int(1);

/** Planned quantities: category code → whole non-negative quantity. */
const plannedQuantities: Check = (v) => {
  if (!isRecord(v)) return false;
  for (const key in v) if (key === '__proto__' || !code(key) || !int(0)(v[key])) return false;
  return true;
};
const adcode = pattern(ADCODE);

const newLot = {
  lotId: code,
  category: code,
  quantity,
  productionDate: pattern(ISO_DATE),
  expiryDate: pattern(ISO_DATE),
  grade: text(16),
  origin: text(120),
};
const lotIntake = { ...newLot, depot: code };
const nonZeroInt: Check = (v) => int(-Infinity)(v) && v !== 0;

/**
 * The event types checked here, by payload. The others (emergency levels, acknowledgements,
 * instructions carrying a signed envelope) are rare and always go to zod.
 */
export const FAST_PAYLOADS: Partial<Record<EventType, Check & { keys: string[] }>> = {
  'region.declared': object({ adcode, nameZh: text(), nameEn: text(), level: oneOf(regionDeclaredSchema.shape.level.options) }),
  'category.defined': object({
    code,
    nameZh: text(),
    nameEn: text(),
    unit: text(),
    unitEn: text(),
    class: oneOf(categoryDefinedSchema.shape.class.options),
    shelfLifeDays: int(1),
    perCapitaDaily: number(0),
    safetyFloorShare: number(0, 1),
  }),
  'depot.registered': object({
    code,
    nameZh: text(),
    nameEn: text(),
    adcode,
    lon: number(-180, 180),
    lat: number(-90, 90),
    operatorKind: oneOf(depotRegisteredSchema.shape.operatorKind.options),
    capacity: capacities,
  }, { planned: plannedQuantities }),
  // Without `envelope`: an instruction issued by a signed command is checked by zod.
  'instruction.issued': object(
    {
      id: code,
      kind: oneOf(instructionSchema.shape.kind.options),
      level: oneOf(instructionSchema.shape.level.options),
      issuer: text(),
      lines: list(object({ category: code, quantity }, { fromDepot: code, fromCivilian: code, toDepot: code, toRegion: adcode }), 1),
    },
    { parentId: code, civilian: object({ holder: text(200) }), transport: object({ unit: code, tonnes: number(Number.MIN_VALUE, 1e9), days: (v) => int(1)(v) && (v as number) <= 90 }) },
  ),
  'lot.intake': object(lotIntake),
  'stock.transfer-out': object({ transferId: code, lotId: code, fromDepot: code, toDepot: code, quantity }),
  'stock.transfer-in': object({ transferId: code, lotId: code, toDepot: code, quantity }),
  'stock.issued': object({ lotId: code, depot: code, quantity, recipient: text(200) }),
  'stock.inspected': object(
    { lotId: code, depot: code, physicalCount: int(0), quality: oneOf(stockInspectedSchema.shape.quality.options) },
    { note: text(200) },
  ),
  'stock.rotated': object({ lotId: code, depot: code, quantity, newLot: object(newLot), reason: text(200) }),
  'stock.disposed': object({ lotId: code, depot: code, quantity, reason: oneOf(DISPOSAL_REASONS) }, { note: text(200) }),
  'event.corrected': object(
    { corrects: list(object({ seq: int(1), id: pattern(HEX64) }), 1, 50), reason: text(500) },
    { adjustment: object({ lotId: code, depot: code, quantity: nonZeroInt }) },
  ),
};

const actor = object({ subject: text(200), role: oneOf(actorSchema.shape.role.options) });

/** The fields of a sealed event besides its payload (draft fields, then position in the log). */
export const FAST_EVENT_FIELDS: Shape = {
  region: adcode,
  type: (v) => typeof v === 'string' && Object.hasOwn(FAST_PAYLOADS, v),
  eventTime: pattern(ISO_TIME),
  actor,
  instructionId: nullable(code),
  payload: isRecord,
  seq: int(1),
  id: pattern(HEX64),
  recordTime: pattern(ISO_TIME),
  prevHash: pattern(HEX64),
  hash: pattern(HEX64),
};
const eventFields = object(FAST_EVENT_FIELDS);

function isFastEvent(v: unknown): boolean {
  if (!eventFields(v)) return false;
  const event = v as { type: EventType; instructionId: string | null; payload: unknown };
  const payload = FAST_PAYLOADS[event.type];
  if (!payload?.(event.payload)) return false;
  // The draft schema's own rule: stock movements, and a correction that adjusts stock, name their instruction.
  if (MOVEMENT_TYPES.has(event.type) && !event.instructionId) return false;
  if (event.type === 'event.corrected' && (event.payload as { adjustment?: unknown }).adjustment && !event.instructionId) return false;
  return true;
}

/**
 * Whether `json` is an `events` frame that the server frame schema accepts unchanged. False
 * means "ask zod", never "invalid".
 */
export function isPlainEventsFrame(json: unknown, maxEvents: number): boolean {
  const frame = json as { type?: unknown; region?: unknown; fromSeq?: unknown; events?: unknown };
  if (!isRecord(json) || frame.type !== 'events') return false;
  let keys = 0;
  for (const key in json) {
    if (key === '__proto__') return false;
    keys++;
  }
  return keys === 4 && adcode(frame.region) && quantity(frame.fromSeq) && list(isFastEvent, 1, maxEvents)(frame.events);
}
