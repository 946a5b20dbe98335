import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStore } from '../../src/core/audit/verify';
import { openReplica } from '../../src/core/replica/replica';
import type { AuditReport } from '../../src/core/audit/types';
import { buildSignedReplica, REGION, type SignedReplica } from './support/signed-replica';
import { applyTamper, EDITABLE_COLUMNS, type Expectation, type Tamper } from './support/tamper';

/*
 * Any single edit, deletion, insertion, reordering or truncation of the stored events of a
 * real encrypted replica is found by the audit at exactly the seq it touched. fast-check
 * prints the seed of a failing run; FC_SEED=<seed> replays it.
 */
let base: SignedReplica;
let n = 0;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

beforeAll(() => {
  base = buildSignedReplica();
}, 120_000);
afterAll(() => base?.remove());

function audit(t: Tamper): { report: AuditReport; expected: Expectation } {
  const file = join(base.dir, `tampered-${n++}.db`);
  copyFileSync(base.file, file);
  const writer = openReplica(file, base.key);
  let expected: Expectation;
  try {
    expected = applyTamper(writer.db, REGION, base.log.length, t);
  } finally {
    writer.close();
  }
  const reader = openReplica(file, base.key, { readonly: true });
  try {
    return { report: verifyStore(reader.db, file, { rootPem: base.rootPem, allowSnapshot: true, replay: false }), expected };
  } finally {
    reader.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}

function tampers(last: number): fc.Arbitrary<Tamper> {
  const seq = fc.integer({ min: 1, max: last });
  return fc.oneof(
    fc.record({ op: fc.constant('edit' as const), seq, column: fc.constantFrom(...EDITABLE_COLUMNS), at: fc.nat(400) }),
    fc.record({ op: fc.constant('reseal' as const), seq }),
    fc.record({ op: fc.constant('delete' as const), seq, renumber: fc.boolean() }),
    fc.record({ op: fc.constant('insert' as const), seq: fc.integer({ min: 1, max: last + 1 }), forged: fc.boolean() }),
    fc
      .tuple(seq, seq)
      .filter(([a, b]) => a !== b)
      .map(([a, b]): Tamper => ({ op: 'swap', seq: a, other: b })),
    fc.record({ op: fc.constant('truncate' as const), count: fc.integer({ min: 1, max: last }) }),
  );
}

describe('audit verify on a tampered encrypted replica (property)', () => {
  it('the untouched replica verifies, anchored at the national root', () => {
    const reader = openReplica(base.file, base.key, { readonly: true });
    try {
      const report = verifyStore(reader.db, base.file, { rootPem: base.rootPem, allowSnapshot: true, replay: true });
      expect(report.firstProblem).toBeNull();
      expect(report.anchored).toBe(true);
      const region = report.regions.find((r) => r.region === REGION);
      expect(region).toMatchObject({ status: 'verified', state: 'equal', events: base.log.length, checkpoints: { total: 3, verified: 3 } });
    } finally {
      reader.close();
    }
  });

  it('names the exact seq of any single tampering', () => {
    fc.assert(
      fc.property(tampers(base.log.length), (t) => {
        const { report, expected } = audit(t);
        expect(report.ok).toBe(false);
        const first = report.firstProblem;
        expect(first?.region).toBe(REGION);
        expect(first?.seq, JSON.stringify(first)).toBe(expected.seq);
        expect(expected.kinds, JSON.stringify(first)).toContain(first?.kind);
        expect(report.regions.find((r) => r.region === '000000')?.status).toBe('verified');
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 200), ...(seed === undefined ? {} : { seed }) },
    );
  }, 600_000);

  it('names each kind of tampering as such', () => {
    const last = base.log.length;
    const cases: Tamper[] = [
      { op: 'edit', seq: 57, column: 'payload', at: 10 },
      { op: 'delete', seq: 57, renumber: false },
      { op: 'delete', seq: 57, renumber: true },
      { op: 'insert', seq: 57, forged: true },
      { op: 'insert', seq: 57, forged: false },
      { op: 'insert', seq: last + 1, forged: true },
      { op: 'swap', seq: 57, other: 58 },
      { op: 'swap', seq: 57, other: 150 },
      { op: 'truncate', count: 3 },
      { op: 'reseal', seq: 57 },
    ];
    for (const t of cases) {
      const { report, expected } = audit(t);
      expect(report.firstProblem, JSON.stringify(t)).toMatchObject({ region: REGION, seq: expected.seq, kind: expected.kinds[0] });
    }
  });
});
