import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyFile } from '../src/core/replica/key-file';
import { openReplica, type Replica } from '../src/core/replica/replica';
import { createTraceQueries, type TraceQueries } from '../src/core/trace';
import { openChromium, type Session } from './support/browser';
import { waitForMapReady } from './support/map-view';
import { inrs, startHost, type RunningHost } from './support/processes';
import { actorDisplayName } from '../src/renderer/src/format/actor-name';

/** Changes one digit of one event's payload with plain SQLite and the key, as someone holding the key file could. */
function tamperPayload(file: string, key: Buffer, region: string, seq: number): void {
  const db = new Database(file);
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    const payload = db.prepare<[string, number], string>('SELECT payload FROM events WHERE region = ? AND seq = ?').pluck().get(region, seq) ?? '';
    const at = payload.search(/[0-8]/);
    db.prepare('UPDATE events SET payload = ? WHERE region = ? AND seq = ?').run(`${payload.slice(0, at)}${Number(payload[at]) + 1}${payload.slice(at + 1)}`, region, seq);
  } finally {
    db.close();
  }
}

/** The trace wall and the chain status in Chromium through the browser host, checked against the core trace queries on the same file. */
describe('traceability on a seeded replica (browser host)', () => {
  let dir: string;
  let file: string;
  let keyFile: string;
  let host: RunningHost;
  let session: Session;
  let replica: Replica;
  let trace: TraceQueries;
  let lotId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-trace-'));
    file = join(dir, 'replica.db');
    keyFile = join(dir, 'replica.key');
    inrs(['seed', '--scale', 'tiny', '--out', file, '--key-file', keyFile]);
    replica = openReplica(file, readKeyFile(keyFile), { readonly: true });
    trace = createTraceQueries(replica.db);
    // A lot taken in, sent to another depot and later issued: the richest life the seed has.
    const lot = replica.db
      .prepare<[], string>(
        `SELECT l.id FROM lots l
         WHERE EXISTS (SELECT 1 FROM events e WHERE json_extract(e.payload, '$.lotId') = l.id AND e.type = 'stock.transfer-out')
         ORDER BY EXISTS (SELECT 1 FROM events e WHERE json_extract(e.payload, '$.lotId') = l.id AND e.type = 'stock.issued') DESC, l.id LIMIT 1`,
      )
      .pluck()
      .get();
    if (!lot) throw new Error('the seed has no transferred lot');
    lotId = lot;
    host = await startHost(['out/main/browser-host.js', '--replica', file, '--key-file', keyFile, '--port', '0']);
    session = await openChromium();
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    replica?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the lot, shows its life from intake with actors and instructions, and its path on the map', async () => {
    const { page } = session;
    const expected = trace.lot(lotId);
    if (!expected) throw new Error(`no trace of ${lotId}`);
    const legs = expected.events.filter((e) => e.type === 'stock.transfer-out').length;
    expect(legs).toBeGreaterThan(0);
    const url = new URL(host.url);
    url.searchParams.set('wall', 'traceability');
    await page.goto(url.toString());
    await page.getByTestId('app-ready').waitFor();
    await page.locator('[data-testid="wall"][data-wall="traceability"]').waitFor();

    await page.getByTestId('trace-search-input').fill(lotId);
    await page.getByTestId('trace-search-submit').click();
    await page.locator(`[data-testid="trace-result"][data-lot="${lotId}"]`).click();
    const shown = page.locator(`[data-testid="trace-lot"][data-lot="${lotId}"]`);
    await shown.waitFor();
    await expect(shown.getAttribute('data-events')).resolves.toBe(String(expected.events.length));
    await expect(shown.getAttribute('data-chain')).resolves.toBe('ok');
    const events = shown.getByTestId('trace-event');
    const types = await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(types).toEqual(expected.events.map((e) => e.type));
    expect(types[0]).toBe('lot.intake');
    const first = expected.events[0]!;
    // The actor by name; the certificate subject in the tooltip.
    const actor = events.first().getByTestId('trace-event-actor');
    await expect(actor.textContent()).resolves.toContain(actorDisplayName(first.actor.subject));
    await expect(actor.locator(`[title="${first.actor.subject}"]`).count()).resolves.toBe(1);
    await expect(events.first().getByTestId('trace-event-chain').textContent()).resolves.toBe('链完整');
    expect(await shown.getByTestId('trace-open-instruction').count()).toBe(expected.events.filter((e) => e.instructionId).length);

    const map = page.getByTestId('trace-map');
    await expect(map.getAttribute('data-path-legs')).resolves.toBe(String(legs));
    await waitForMapReady(page);
    expect(page.url()).toContain(`lot=${lotId}`);
    await session.screenshot('trace-lot-zh');
  });

  it('jumps from an event to its instruction, and from a movement back to the lot', async () => {
    const { page } = session;
    const expected = trace.lot(lotId)!;
    const sent = expected.events.find((e) => e.type === 'stock.transfer-out' && e.instructionId)!;
    const instruction = trace.instruction(sent.instructionId!)!;
    await page.locator(`[data-testid="trace-event"][data-seq="${sent.seq}"] [data-testid="trace-open-instruction"]`).click();
    const view = page.locator(`[data-testid="trace-instruction"][data-instruction="${sent.instructionId}"]`);
    await view.waitFor();
    await expect(view.getAttribute('data-events')).resolves.toBe(String(instruction.events.length));
    expect(instruction.lots).toContain(lotId);
    await session.screenshot('trace-instruction-zh');
    await view.locator(`[data-testid="trace-open-lot"][data-lot="${lotId}"]`).first().click();
    await page.locator(`[data-testid="trace-lot"][data-lot="${lotId}"]`).waitFor();
  });

  it('opens a lot from the address and from a depot drawer, and reads in English', async () => {
    const { page } = session;
    const other = trace.search(lotId.slice(0, -1), 5).find((l) => l.lotId !== lotId)!;
    const url = new URL(page.url());
    url.searchParams.set('lot', other.lotId);
    await page.goto(url.toString());
    await page.locator(`[data-testid="trace-lot"][data-lot="${other.lotId}"]`).waitFor();

    const depot = trace.lot(lotId)!.lot.intakeDepot;
    await page.keyboard.press('/');
    await page.getByTestId('search-input').fill(depot);
    await page.locator(`[data-testid="search-results"][data-query="${depot}"] button[data-code="${depot}"]`).waitFor();
    await page.keyboard.press('Enter');
    const drawer = page.locator(`[data-testid="depot-drawer"][data-code="${depot}"][data-ready="true"]`);
    await drawer.waitFor();
    const held = drawer.getByTestId('drawer-lot-trace').first();
    const heldLot = await held.getAttribute('data-lot');
    await held.click();
    await page.locator(`[data-testid="trace-lot"][data-lot="${heldLot}"]`).waitFor();
    await expect.poll(() => page.getByTestId('depot-drawer').count()).toBe(0);

    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.getByTestId('wall-tab-traceability').textContent()).resolves.toBe('Traceability');
    await expect(page.locator('[data-testid="trace-event-chain"]').first().textContent()).resolves.toBe('chain ok');
    await session.screenshot('trace-lot-en');
  });

  it('shows every region of an untouched replica with an intact chain', async () => {
    const { page } = session;
    const regions = replica.db.prepare<[], string>('SELECT region FROM region_heads ORDER BY region').pluck().all();
    for (const region of regions) {
      await page.locator(`[data-testid="chain-status-${region}"][data-status="ok"]`).waitFor();
    }
  });

  it('shows the chain of a tampered region broken at the changed seq', async () => {
    const copy = join(dir, 'tampered.db');
    const copyKey = join(dir, 'tampered.key');
    copyFileSync(file, copy);
    copyFileSync(keyFile, copyKey);
    const region = replica.db.prepare<[], string>(`SELECT region FROM region_heads WHERE region <> '000000' AND last_seq > 20 ORDER BY region LIMIT 1`).pluck().get()!;
    tamperPayload(copy, readKeyFile(copyKey), region, 17);
    const tampered = await startHost(['out/main/browser-host.js', '--replica', copy, '--key-file', copyKey, '--port', '0']);
    const second = await openChromium();
    try {
      await second.page.goto(tampered.url);
      await second.page.getByTestId('app-ready').waitFor();
      const badge = second.page.locator(`[data-testid="chain-status-${region}"][data-status="broken"]`);
      await badge.waitFor();
      await expect(badge.getAttribute('data-first-bad-seq')).resolves.toBe('17');
      await expect(badge.textContent()).resolves.toContain('17');
      await second.page.getByTestId('status-bar').screenshot({ path: join('e2e', 'artifacts', 'trace-chain-broken.png') });
      expect(second.problems).toEqual([]);
    } finally {
      await second.close();
      await tampered.stop();
    }
  });

  it('had no console error and no request leaving 127.0.0.1', () => {
    expect(session.problems).toEqual([]);
  });
});
