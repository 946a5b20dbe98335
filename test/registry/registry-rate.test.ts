import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandNet, countEvents, REGION, type CommandNet } from '../commands/support/officers';
import { physicalAsset, RegistryClient } from './support/registry-client';

/*
 * A contributor cannot flood the regional server: registry requests and the frames the firewall
 * refuses count against the command rate of the connection and the certificate; over it they are
 * refused `rate-limited` undecided, nothing appended and nothing audited one by one.
 */
let cn: CommandNet;
const clients: { close(): void }[] = [];

beforeAll(async () => {
  cn = await commandNet({ commandRate: { perConnection: 4, perCertificate: 6, windowMs: 120_000 } });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cn?.net.close();
});

describe('registry session rate', () => {
  it('refuses registrations and refused frames over the limit, undecided and unaudited', async () => {
    const me = await RegistryClient.connect(cn, cn.contributor);
    clients.push(me);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await me.request({ op: 'register', asset: physicalAsset(`批量登记 ${i}`) }));
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'refused']);
    expect(results[4]).toMatchObject({ code: 'rate-limited', reason: expect.stringContaining('this connection') });
    expect(countEvents(cn, 'registry.asset-registered')).toBe(4);

    // A second connection of the same certificate has two left of the certificate's six.
    const again = await RegistryClient.connect(cn, cn.contributor);
    clients.push(again);
    const audited = cn.server.commands.ledger.auditRows().length;
    const from = again.raw.frames.length;
    for (let i = 0; i < 4; i++) again.raw.sendJson({ type: 'ack', region: REGION, seq: i + 1 });
    await again.roundTrip();
    const refusals = again.raw.frames.slice(from).filter((f) => f.type === 'registry-refused').map((f) => f.code);
    expect(refusals).toEqual(['firewall', 'firewall', 'rate-limited', 'rate-limited']);
    expect(cn.server.commands.ledger.auditRows().length).toBe(audited + 2);
  });
});
