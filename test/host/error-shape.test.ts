import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ReplicaError } from '../../src/core/replica/errors';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { startBrowserServer, type BrowserServer } from '../../src/main/browser/browser-server';
import { createDispatcher, type HostHandlers } from '../../src/main/host/dispatcher';
import { HostEventHub } from '../../src/main/host/host-events';
import { createWsBridge } from '../../src/renderer/src/bridge/ws-bridge';
import { createInrsApi, HostError, type InrsApi } from '../../src/shared/contract';
import { AppError, toErrorShape } from '../../src/shared/errors';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';

let dir: string;
let file: string;
let replica: ReplicaClient;
let wrongKeyError: unknown;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-error-shape-'));
  file = join(dir, 'replica.db');
  const key = newReplicaKey();
  const seeded = openReplica(file, key, { create: true });
  seeded.projector.applyBatch(REGION, sealAll(smallDrafts()));
  seeded.close();
  replica = await ReplicaClient.open({ file, key });
  wrongKeyError = await ReplicaClient.open({ file: join(dir, 'replica.db'), key: newReplicaKey() }).catch((err: unknown) => err);
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('worker → client', () => {
  it('a replica error crosses the thread as its shape and is rebuilt whole', () => {
    expect(wrongKeyError).toBeInstanceOf(ReplicaError);
    const err = wrongKeyError as ReplicaError;
    expect(err.code).toBe('wrong-key');
    expect(err.file).toBe(file);
    expect(err.message).toBe(`${file}: ${err.reason}`);
    expect(err.toShape()).toEqual({ code: 'wrong-key', message: err.message, details: { file, reason: err.reason } });
  });

  it('any other error from the worker keeps its name in details', async () => {
    const last = sealAll(smallDrafts()).at(-1);
    const broken = [{ ...last!, seq: 20 }];
    const err = await replica.call('syncApply', [REGION, broken]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).toShape()).toMatchObject({ code: 'internal', details: { name: 'ChainError' } });
    expect((err as AppError).message.length).toBeGreaterThan(0);
  });
});

describe('client → dispatcher', () => {
  const handlers = {
    'replica:stats': () => {
      throw wrongKeyError;
    },
    'depots:detail': ({ code }: { code: string }) => {
      throw new HostError('not-found', `depots:detail: no depot ${code}`, { depot: code });
    },
  } as unknown as HostHandlers;
  const dispatch = createDispatcher(handlers, { isTrustedSender: () => true });
  const sender = { origin: 'x', topFrame: true };

  it('a replica error is replica-unavailable with the replica code as the cause, file and reason kept', async () => {
    const err = wrongKeyError as ReplicaError;
    expect(await dispatch('replica:stats', undefined, sender)).toEqual({
      ok: false,
      error: { code: 'replica-unavailable', message: err.message, details: { cause: 'wrong-key', file, reason: err.reason } },
    });
  });

  it("a host error's details pass through", async () => {
    expect(await dispatch('depots:detail', { code: '430200-D009' }, sender)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'depots:detail: no depot 430200-D009', details: { depot: '430200-D009' } },
    });
  });
});

describe('dispatcher → bridge → renderer invoke', () => {
  let server: BrowserServer;
  let site: string;
  let api: InrsApi;
  let dispose: () => void;

  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>INRS</title>');
    let origin = '';
    const handlers = {
      'replica:stats': () => {
        throw wrongKeyError;
      },
    } as unknown as HostHandlers;
    const dispatch = createDispatcher(handlers, { isTrustedSender: (s) => s.origin === origin });
    server = await startBrowserServer({ rendererDir: dir, port: 0, dispatch, events: new HostEventHub(), log: () => {} });
    origin = server.origin;
    site = server.origin;
    const bridge = createWsBridge({
      url: `${site.replace('http', 'ws')}/bridge?token=${encodeURIComponent(server.token)}`,
      connect: (url) => new WebSocket(url, { origin: site }) as unknown as globalThis.WebSocket,
      onState: () => {},
    });
    dispose = bridge.dispose;
    api = createInrsApi(bridge.invoke, bridge.subscribe);
  });

  afterAll(async () => {
    dispose();
    await server.close();
  });

  it('the page receives the error with its code and details', async () => {
    const err = wrongKeyError as ReplicaError;
    expect(await api.replica.stats()).toEqual({
      ok: false,
      error: { code: 'replica-unavailable', message: err.message, details: { cause: 'wrong-key', file, reason: err.reason } },
    });
  });

  it('once the host has gone, a call resolves not-connected and never rejects', async () => {
    await server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(api.replica.stats()).resolves.toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });
});

describe('renderer invoke over any transport', () => {
  const noEvents = () => () => {};

  it('a transport that rejects or throws ends in an error result', async () => {
    const rejecting = createInrsApi(() => Promise.reject(new Error('ipc: no handler')), noEvents);
    await expect(rejecting.replica.stats()).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'replica:stats: ipc: no handler' } });
    const throwing = createInrsApi(() => {
      throw new HostError('not-connected', 'gone');
    }, noEvents);
    await expect(throwing.replica.stats()).resolves.toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });

  it('an answer that is not a Result is bad-response', async () => {
    for (const answer of [undefined, 'ok', { ok: true }, { ok: false, error: { code: 'nope', message: 'x' } }, { ok: false, error: 'x' }]) {
      const api = createInrsApi(() => Promise.resolve(answer as never), noEvents);
      await expect(api.replica.stats(), JSON.stringify(answer)).resolves.toMatchObject({ ok: false, error: { code: 'bad-response' } });
    }
  });
});

describe('toErrorShape', () => {
  it('keeps an AppError whole, a foreign code as it is, and calls the rest internal', () => {
    expect(toErrorShape(new AppError('wrong-key', 'm', { file: '/f' }))).toEqual({ code: 'wrong-key', message: 'm', details: { file: '/f' } });
    const sqlite = Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' });
    expect(toErrorShape(sqlite)).toEqual({ code: 'SQLITE_BUSY', message: 'database is locked', details: { name: 'SqliteError' } });
    expect(toErrorShape(new Error('x'))).toEqual({ code: 'internal', message: 'x' });
    expect(toErrorShape('text')).toEqual({ code: 'internal', message: 'text' });
    expect(toErrorShape({ code: 'c', message: 'm', details: { ok: 1, fn: () => 1, nested: { a: 1 } } })).toEqual({ code: 'c', message: 'm', details: { ok: 1 } });
  });
});
