import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../src/main/browser/browser-server';
import { createDispatcher, type HostHandlers } from '../../src/main/host/dispatcher';
import { HostEventHub } from '../../src/main/host/host-events';

/* The browser host's static server answers bad paths plainly: 400 for a malformed escape, 404 without echoing the path. */
let dir: string;
let server: BrowserServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>INRS</title>');
  const dispatch = createDispatcher({} as HostHandlers, { isTrustedSender: () => false });
  server = await startBrowserServer({ rendererDir: dir, port: 0, dispatch, events: new HostEventHub(), log: () => undefined });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET: fetch would normalise the path before sending it. */
function get(path: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files', () => {
  it('a malformed escape (/%ZZ) is 400, not 500, and echoes nothing', async () => {
    const res = await get('/%ZZ');
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('ZZ');
  });

  it('a missing file is 404 without the path in the body', async () => {
    const res = await get('/%3Cscript%3Ealert(1)%3C%2Fscript%3E.js');
    expect(res.status).toBe(404);
    expect(res.body).toBe('not found\n');
  });

  it('the renderer is still served', async () => {
    expect((await get('/')).status).toBe(200);
  });
});
