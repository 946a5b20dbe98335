import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../src/main/browser/browser-server';
import { createDownloadOffers } from '../../src/main/browser/download-offers';
import { deliverBriefing } from '../../src/main/host/briefing-delivery';
import { createDispatcher } from '../../src/main/host/dispatcher';
import { HostEventHub } from '../../src/main/host/host-events';
import { HostError } from '../../src/shared/contract';

/** The browser host's one-time briefing download, over real HTTP on 127.0.0.1. */
describe('briefing download from the browser host', () => {
  let dir: string;
  let replicaPath: string;
  let pdf: string;
  let server: BrowserServer;
  const offers = createDownloadOffers();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-download-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    replicaPath = join(dir, 'replica.db');
    mkdirSync(join(dir, 'briefings'));
    pdf = join(dir, 'briefings', 'briefing-national-20261204T100000Z.pdf');
    writeFileSync(pdf, '%PDF-1.7 test body');
    writeFileSync(join(dir, 'secret.pdf'), '%PDF- not a briefing');
    server = await startBrowserServer({ rendererDir: dir, port: 0, dispatch: createDispatcher({} as never, { isTrustedSender: () => true }), events: new HostEventHub(), downloads: offers, log: () => {} });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a briefing once, as an attachment, to the holder of the session token', async () => {
    const offer = await deliverBriefing(replicaPath, pdf, offers.delivery);
    expect(offer).toMatchObject({ kind: 'download', name: 'briefing-national-20261204T100000Z.pdf' });
    const url = `${server.origin}${(offer as { url: string }).url}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?token=wrong`)).status).toBe(401);
    const res = await fetch(`${url}?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="briefing-national-20261204T100000Z\.pdf"/);
    expect(await res.text()).toBe('%PDF-1.7 test body');
    // One time only.
    expect((await fetch(`${url}?token=${server.token}`)).status).toBe(404);
    expect((await fetch(`${server.origin}/download/guessed?token=${server.token}`)).status).toBe(404);
  });

  it('hands out nothing outside the briefings folder, and says why', async () => {
    await expect(deliverBriefing(replicaPath, join(dir, 'secret.pdf'), offers.delivery)).rejects.toThrow(/is not a briefing of this host/);
    await expect(deliverBriefing(replicaPath, join(dir, 'briefings', '..', 'secret.pdf'), offers.delivery)).rejects.toThrow(HostError);
    await expect(deliverBriefing(replicaPath, join(dir, 'briefings', 'missing.pdf'), offers.delivery)).rejects.toThrow(/no briefing/);
    await expect(deliverBriefing(replicaPath, 'briefings/x.pdf', offers.delivery)).rejects.toThrow(/no briefing/);
    await expect(deliverBriefing(replicaPath, pdf, undefined)).rejects.toThrow(/no way to hand out files/);
  });
});
