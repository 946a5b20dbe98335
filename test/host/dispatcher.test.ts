import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type ChannelName } from '../../src/shared/contract';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { createAppHandlers } from '../../src/main/host/app-host';
import { createDispatcher, type Dispatch } from '../../src/main/host/dispatcher';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const APP = 'http://127.0.0.1:4870';
const fromApp = { origin: APP, topFrame: true };

/** Every channel with requests that must pass and requests that must be refused as bad-request. */
const cases: Record<ChannelName, { valid: unknown[]; invalid: unknown[] }> = {
  'app:info': { valid: [undefined], invalid: [{ x: 1 }, 'info', 42] },
  'replica:stats': { valid: [undefined], invalid: [{}, null, 'all'] },
  'replica:provinces': { valid: [undefined], invalid: [[], { region: REGION }] },
  'depots:search': {
    valid: [{ query: '长沙' }, { query: '430200', limit: 5 }, { query: '  Depot  ', limit: 200 }],
    invalid: [undefined, {}, { query: '' }, { query: '   ' }, { query: 'x'.repeat(65) }, { query: 'a', limit: 0 }, { query: 'a', limit: 201 }, { query: 'a', limit: 1.5 }, { query: 7 }],
  },
};

let dir: string;
let replica: ReplicaClient;
let dispatch: Dispatch;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-dispatch-'));
  const file = join(dir, 'replica.db');
  const key = newReplicaKey();
  const seeded = openReplica(file, key, { create: true });
  seeded.projector.applyBatch(REGION, sealAll(smallDrafts()));
  seeded.close();
  replica = await ReplicaClient.open({ file, key });
  const handlers = createAppHandlers({ replica, info: { version: 't', host: 'browser', replicaPath: file, demo: false } });
  dispatch = createDispatcher(handlers, { isTrustedSender: (s) => s.origin === APP });
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dispatcher over every channel', () => {
  it('has cases for every channel of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual([...channelNames].sort());
  });

  for (const channel of channelNames) {
    it(`${channel}: valid requests succeed, invalid ones are bad-request`, async () => {
      for (const request of cases[channel].valid) {
        const result = await dispatch(channel, request, fromApp);
        expect(result, JSON.stringify(request) + JSON.stringify(result)).toMatchObject({ ok: true });
      }
      for (const request of cases[channel].invalid) {
        const result = await dispatch(channel, request, fromApp);
        expect(result, JSON.stringify(request)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
        if (!result.ok) expect(result.error.message).toContain(channel);
      }
    });

    it(`${channel}: refused from a foreign origin and from a sub-frame`, async () => {
      const request = cases[channel].valid[0];
      expect(await dispatch(channel, request, { origin: 'http://evil.example', topFrame: true })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      expect(await dispatch(channel, request, { origin: APP, topFrame: false })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    });
  }

  it('an unknown channel is refused by name', async () => {
    expect(await dispatch('replica:drop', undefined, fromApp)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatch({ toString: 1 }, undefined, fromApp)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('answers come from the replica', async () => {
    const stats = await dispatch('replica:stats', undefined, fromApp);
    expect(stats).toMatchObject({ ok: true, value: { depots: 2, lots: 1, events: 9 } });
    const found = await dispatch('depots:search', { query: '株洲' }, fromApp);
    expect(found).toMatchObject({ ok: true, value: [{ code: '430200-D001' }] });
    const none = await dispatch('depots:search', { query: '%' }, fromApp);
    expect(none).toEqual({ ok: true, value: [] });
  });
});
