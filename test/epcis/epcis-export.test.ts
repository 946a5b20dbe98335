import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEpcis } from '../../src/core/epcis/export';
import { createKeyFile } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { seedInto } from '../../src/core/seed/seed-replica';
import { inrs } from '../audit/support/cli';
import { useTempDir } from '../helpers/temp-dir';
import { TINY } from '../seed/fixtures';
import { EPCIS_DIR, epcisValidator } from './support/validator';

/** The EPCIS export of a real seeded replica, validated against GS1's EPCIS 2.0 JSON schema. */
const REGION = '120000';
const validate = epcisValidator();
const tempDir = useTempDir();
let dir: string;
let replica: Replica;

type EpcisEvent = Record<string, unknown> & { type: string; eventID: string; bizStep?: string; errorDeclaration?: { correctiveEventIDs?: string[] } };
type Doc = { '@context': unknown[]; type: string; epcisBody: { eventList: EpcisEvent[] } };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-epcis-'));
  replica = openReplica(join(dir, 'replica.db'), createKeyFile(join(dir, 'replica.key')), { create: true });
  seedInto(replica, { ...TINY, regions: ['000000', REGION] });
  replica.db.pragma('wal_checkpoint(TRUNCATE)');
}, 60_000);
afterAll(() => {
  replica?.close();
  rmSync(dir, { recursive: true, force: true });
});

function exported(options: Parameters<typeof exportEpcis>[2], name: string): Doc {
  const out = join(tempDir(), name);
  exportEpcis(replica.db, out, { ...options, now: new Date('2025-07-01T00:00:00Z') });
  expect(statSync(out).mode & 0o777).toBe(0o600);
  return JSON.parse(readFileSync(out, 'utf8')) as Doc;
}

describe('EPCIS 2.0 validator setup', () => {
  it('accepts GS1 example documents', () => {
    for (const name of ['example-ObjectEvent.json', 'example-TransformationEvent.json']) {
      expect(validate(JSON.parse(readFileSync(join(EPCIS_DIR, name), 'utf8'))), name).toEqual([]);
    }
  });

  it('rejects a document that breaks the schema', () => {
    const doc = exported({}, 'broken.jsonld');
    const first = doc.epcisBody.eventList[0] as unknown as { quantityList: { uom: string }[] };
    (first.quantityList[0] as { uom: string }).uom = 'tonnes';
    expect(validate(doc).length).toBeGreaterThan(0);
  });
});

describe('inrs export epcis', () => {
  it('exports a whole region as a valid EPCISDocument with every lifecycle step', () => {
    const doc = exported({}, 'all.jsonld');
    expect(validate(doc)).toEqual([]);
    expect(doc).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0', '@context': [expect.stringContaining('epcis-context.jsonld'), { inrs: 'urn:inrs:epcis:' }] });
    const steps = new Set(doc.epcisBody.eventList.map((e) => `${e.type}:${e.bizStep ?? ''}`));
    for (const step of ['ObjectEvent:commissioning', 'ObjectEvent:shipping', 'ObjectEvent:receiving', 'ObjectEvent:inspecting', 'ObjectEvent:destroying', 'ObjectEvent:stock_taking', 'TransformationEvent:replacing']) {
      expect(steps, step).toContain(step);
    }
    expect(doc.epcisBody.eventList.some((e) => e.errorDeclaration)).toBe(true);
  });

  it('maps units, locations, instructions and lot master data', () => {
    const events = exported({}, 'fields.jsonld').epcisBody.eventList;
    const intake = events.find((e) => e.bizStep === 'commissioning') as Record<string, unknown>;
    expect(intake).toMatchObject({
      action: 'ADD',
      eventTimeZoneOffset: '+08:00',
      bizLocation: { id: expect.stringMatching(/^urn:inrs:depot:120\d{3}-D\d{3}$/) },
      bizTransactionList: [{ bizTransaction: expect.stringMatching(/^urn:inrs:instruction:I120000-/) }],
      ilmd: { 'cbvmda:lotNumber': expect.any(String), 'cbvmda:itemExpirationDate': expect.any(String), 'inrs:productionDate': expect.any(String), 'inrs:grade': expect.any(String), 'inrs:origin': expect.any(String) },
    });
    expect(String(intake.eventID)).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=inrs-content-1$/);
    const uoms = new Set(events.flatMap((e) => ((e.quantityList ?? []) as { uom: string }[]).map((q) => q.uom)));
    expect([...uoms].every((u) => ['TNE', 'LTR', 'CS', 'BX', 'H87'].includes(u))).toBe(true);
    expect(uoms).toContain('TNE');
    const shipped = events.find((e) => e.bizStep === 'shipping' && e['inrs:transferId']);
    expect(shipped).toMatchObject({ sourceList: [{ type: 'location' }], destinationList: [{ type: 'location' }] });
  });

  it('exports one lot, restating a corrected count as an error declaration', () => {
    const correction = replica.db
      .prepare<[string], { payload: string }>(`SELECT payload FROM events WHERE region = ? AND type = 'event.corrected' AND json_extract(payload, '$.adjustment') IS NOT NULL LIMIT 1`)
      .get(REGION);
    const lotId = (JSON.parse(correction?.payload ?? '{}') as { adjustment: { lotId: string } }).adjustment.lotId;
    const doc = exported({ lotId }, 'lot.jsonld');
    expect(validate(doc)).toEqual([]);
    const events = doc.epcisBody.eventList;
    const declared = events.find((e) => e.errorDeclaration);
    const adjustment = events.find((e) => e.bizStep === 'stock_taking');
    expect(declared?.bizStep).toBe('inspecting');
    expect(declared?.errorDeclaration?.correctiveEventIDs).toEqual([adjustment?.eventID]);
    // The restated event keeps the eventID of the count it declares wrong.
    expect(events.filter((e) => e.eventID === declared?.eventID)).toHaveLength(2);
  });

  it('exports movements since a time, and refuses to overwrite a file', () => {
    const since = exported({ since: '2025-01-01T00:00:00Z' }, 'since.jsonld').epcisBody.eventList;
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((e) => String(e.eventTime) >= '2025-01-01' || e.errorDeclaration)).toBe(true);
    const out = join(tempDir(), 'twice.jsonld');
    exportEpcis(replica.db, out, {});
    expect(() => exportEpcis(replica.db, out, {})).toThrow(/already exists/);
  });

  it('runs as `inrs export epcis` and writes a valid document', () => {
    const out = join(tempDir(), 'cli.jsonld');
    const args = ['export', 'epcis', '--replica', join(dir, 'replica.db'), '--key-file', join(dir, 'replica.key'), '--since', '2025-03-01', '--out', out];
    const r = inrs(args);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*cli\.jsonld: \d+ EPCIS events from \d+ movements/);
    expect(validate(JSON.parse(readFileSync(out, 'utf8')))).toEqual([]);
    const again = inrs(args);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
  }, 60_000);
});
