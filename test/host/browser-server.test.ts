import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../src/main/browser/browser-server';
import { createDispatcher } from '../../src/main/host/dispatcher';
import { HostEventHub } from '../../src/main/host/host-events';
import type { HostHandlers } from '../../src/main/host/dispatcher';
import { HostError } from '../../src/shared/contract';
import { createDisplayHandlers } from '../../src/main/displays/display-handlers';

/** A signed command on a host without a link: the clear error the offline host gives. */
const offline = (channel: string) => (): never => {
  throw new HostError('not-connected', `${channel}: this host runs offline`);
};
const stats = { depots: 3, lots: 4, events: 5, categories: 1, regions: [], chainHead: 'h' };
const handlers: HostHandlers = {
  'app:info': () => ({ version: 't', host: 'browser', replicaPath: '/r.db', demo: true }),
  'replica:stats': () => stats,
  'replica:provinces': () => [],
  'depots:search': () => [],
  'sync:links': () => [],
  'registry:suspend': offline('registry:suspend'),
  'registry:meter': offline('registry:meter'),
  'contributor:assets': offline('contributor:assets'),
  'contributor:instructions': offline('contributor:instructions'),
  'contributor:register': offline('contributor:register'),
  'contributor:withdraw': offline('contributor:withdraw'),
  'depots:detail': () => {
    throw new HostError('not-found', 'depots:detail: no such depot');
  },
  'categories:list': () => [],
  'trace:lot': () => {
    throw new HostError('not-found', 'trace:lot: no such lot');
  },
  'trace:instruction': () => {
    throw new HostError('not-found', 'trace:instruction: no such instruction');
  },
  'trace:search': () => [],
  'audit:chain-status': () => ({ regions: [] }),
  'briefing:export': () => ({ file: '/data/briefings/briefing-national.pdf', pages: 5, bytes: 1024, asOf: null, scope: null, millis: 1 }),
  'briefing:deliver': () => ({ kind: 'cancelled' }),
  'identity:current': () => null,
  'emergency:state': () => ({ levels: [], proposals: [], now: '2026-06-01T00:00:00.000Z' }),
  'emergency:propose': offline('emergency:propose'),
  'emergency:cosign': offline('emergency:cosign'),
  'emergency:cancel': offline('emergency:cancel'),
  'emergency:break-glass': offline('emergency:break-glass'),
  'emergency:countersign': offline('emergency:countersign'),
  'dispatch:recommend': () => {
    throw new HostError('bad-request', 'dispatch:recommend: not on this test host');
  },
  'dispatch:issue': offline('dispatch:issue'),
  'dispatch:plan-current': () => null,
  'dispatch:plan-save': () => null,
  'dispatch:plan-clear': () => null,
  'optimisation:rotation': offline('optimisation:rotation'),
  'optimisation:issue-rotation': offline('optimisation:issue-rotation'),
  'optimisation:costs': offline('optimisation:costs'),
  'optimisation:layout': offline('optimisation:layout'),
  'optimisation:sizing': offline('optimisation:sizing'),
  'forecast:region': offline('forecast:region'),
  'forecast:risk': offline('forecast:risk'),
  'hazard:import': offline('hazard:import'),
  'scenario:run': offline('scenario:run'),
  'scenario:cancel': () => null,
  'scenario:current': () => ({ hazard: null, run: null }),
  'alerts:list': offline('alerts:list'),
  'alerts:rules': offline('alerts:rules'),
  'alerts:preview': offline('alerts:preview'),
  'alerts:publish': offline('alerts:publish'),
  'alerts:acknowledge': offline('alerts:acknowledge'),
  'alerts:assign': offline('alerts:assign'),
  'alerts:resolve': offline('alerts:resolve'),
  'registry:overview': offline('registry:overview'),
  'registry:verifier': () => null,
  'registry:verify': offline('registry:verify'),
  'registry:onboard': offline('registry:onboard'),
  'instructions:acknowledge': offline('instructions:acknowledge'),
  'instructions:forward': offline('instructions:forward'),
  ...createDisplayHandlers(),
  'situation:snapshot': () => ({ dataVersion: 'v', asOf: null, provinces: [], depots: [], transfers: [], alerts: [] }),
  'situation:trend': ({ region }) => ({ region, asOf: null, dates: [], series: [] }),
  'instructions:list': () => [],
  'replay:range': () => ({ from: null, to: null, index: { indexed: 0, total: 0, complete: true, ready: true } }),
  'replay:snapshot': () => ({ dataVersion: 'v', asOf: null, provinces: [], depots: [], transfers: [], alerts: [] }),
  'replay:kpis': () => ({ asOf: null, dataVersion: 'v', personsSupportedByClass: {}, planCompletionByClass: {}, planCompletion: null, depotsUnderFloor: 0, lotsExpiring30: 0, lotsExpiring90: 0, openAlerts: 0, regionsInEmergency: 0 }),
  'situation:kpis': () => ({ asOf: null, dataVersion: 'v', personsSupportedByClass: {}, planCompletionByClass: {}, planCompletion: null, depotsUnderFloor: 0, lotsExpiring30: 0, lotsExpiring90: 0, openAlerts: 0, regionsInEmergency: 0 }),
};

let dir: string;
let server: BrowserServer;
const events = new HostEventHub();
const log: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-browser-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>INRS</title>');
  let origin = '';
  const dispatch = createDispatcher(handlers, { isTrustedSender: (s) => s.origin === origin });
  server = await startBrowserServer({ rendererDir: dir, port: 0, dispatch, events, log: (l) => log.push(l) });
  origin = server.origin;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(token: string, origin = server.origin): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/bridge?token=${encodeURIComponent(token)}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextFrame(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
}

describe('browser host', () => {
  it('listens on 127.0.0.1 and serves the renderer with a CSP', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`)).status).not.toBe(200);
    expect((await fetch(`${server.origin}/`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses the bridge without the token, with a wrong token, or from another origin', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect('wrong-token')).rejects.toThrow('HTTP 401');
    await expect(connect(server.token, 'http://evil.example')).rejects.toThrow('HTTP 403');
    expect(log.some((l) => l.includes('wrong token'))).toBe(true);
    expect(log.some((l) => l.includes('evil.example'))).toBe(true);
  });

  it('carries calls and results with the token', async () => {
    const ws = await connect(server.token);
    ws.send(JSON.stringify({ kind: 'call', id: 7, channel: 'replica:stats' }));
    expect(await nextFrame(ws)).toEqual({ kind: 'result', id: 7, result: { ok: true, value: stats } });
    ws.send(JSON.stringify({ kind: 'call', id: 8, channel: 'depots:search', request: { query: '' } }));
    expect(await nextFrame(ws)).toMatchObject({ kind: 'result', id: 8, result: { ok: false, error: { code: 'bad-request' } } });
    ws.close();
  });

  it('pushes host events to connected pages', async () => {
    const ws = await connect(server.token);
    const frame = nextFrame(ws);
    events.emit('replica:changed', { regions: ['430000'] });
    expect(await frame).toEqual({ kind: 'event', name: 'replica:changed', payload: { regions: ['430000'] } });
    ws.close();
  });

  it('closes on a malformed frame with a clear reason', async () => {
    const ws = await connect(server.token);
    const done = closed(ws);
    ws.send('{not json');
    expect(await done).toEqual({ code: 1007, reason: 'malformed frame: expected a JSON text frame' });
    const ws2 = await connect(server.token);
    const done2 = closed(ws2);
    ws2.send(JSON.stringify({ kind: 'call', id: -1, channel: 'replica:stats' }));
    expect((await done2).code).toBe(1008);
  });
});
