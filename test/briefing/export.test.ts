import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { createTraceQueries } from '../../src/core/trace';
import { beijing, inrsHeadless, poppler, seededTinyReplica } from './support';

/** `inrs briefing export` on a real seeded encrypted replica, read back with poppler, with no display. */
const base = seededTinyReplica();
let stats: { dataAsOf: string | null; region: string; nameZh: string }[];
let lots: string[];

beforeAll(() => {
  const replica = openReplica(base.file, readKeyFile(base.keyFile), { readonly: true });
  try {
    stats = replica.queries.stats().regions;
    lots = createTraceQueries(replica.db).search('L430000', 2).map((l) => l.lotId);
  } finally {
    replica.close();
  }
}, 60_000);

const exportArgs = (out: string, extra: string[] = []) => ['briefing', 'export', '--replica', base.file, '--key-file', base.keyFile, '--out', out, '--by', '值班员 王芳', ...extra];

describe('inrs briefing export', () => {
  it('writes a PDF whose text holds the data-as-of time and the provinces in Chinese, with the font embedded', () => {
    const out = join(base.dir, 'national.pdf');
    const r = inrsHeadless(exportArgs(out));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('briefing: laying out the pages…');
    const pages = Number(/(\d+) pages/.exec(r.stdout)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(poppler('pdfinfo', [out])).toMatch(new RegExp(`Pages:\\s+${pages}\\n`));

    const text = poppler('pdftotext', ['-layout', out, '-']);
    const newest = stats.map((s) => s.dataAsOf ?? '').sort().at(-1) as string;
    expect(text).toContain('数据截至');
    expect(text).toContain(`${beijing(newest)} 北京时间`);
    // Every province the replica holds appears by its Chinese name.
    for (const s of stats.filter((x) => x.region !== '000000')) expect(text, s.nameZh).toContain(s.nameZh);
    // Each region's own data-as-of time is on the cover.
    const hunan = stats.find((s) => s.region === '430000');
    expect(text).toContain(beijing(hunan?.dataAsOf ?? ''));
    expect(text).toContain('值班员 王芳');
    expect(text).toContain('全国风险态势图');
    expect(text).toContain('各省风险与保障');

    const fonts = poppler('pdffonts', [out]);
    const rows = fonts.split('\n').filter((l) => /NotoSansSC/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    // "emb sub uni" columns: embedded, subset, with a ToUnicode map; no font left to the machine.
    for (const row of rows) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+0\s*$/);
    expect(fonts.split('\n').slice(2).filter((l) => l.trim() !== '' && !/yes\s+yes\s+yes/.test(l))).toEqual([]);
    // Subsetting keeps the file small: the font files alone are over 10 MB each.
    expect(statSync(out).size).toBeLessThan(1_500_000);
  }, 120_000);

  it('traces the lots given, one section each, and narrows to one province with --region', () => {
    expect(lots.length).toBe(2);
    const plain = join(base.dir, 'hunan.pdf');
    const traced = join(base.dir, 'hunan-lots.pdf');
    const a = inrsHeadless(exportArgs(plain, ['--region', '430000']));
    const b = inrsHeadless(exportArgs(traced, ['--region', '430000', '--lots', lots.join(',')]));
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const pagesOf = (f: string) => Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [f]))?.[1]);
    expect(pagesOf(traced)).toBeGreaterThanOrEqual(pagesOf(plain) + lots.length);
    const text = poppler('pdftotext', [traced, '-']);
    expect(text).toContain('湖南省储备态势简报');
    for (const lot of lots) expect(text).toContain(`批次追溯 ${lot}`);
    expect(poppler('pdftotext', [plain, '-'])).not.toContain('批次追溯');
  }, 120_000);

  it('refuses a bad region, an unknown lot, a bad time, a wrong key and a missing replica, each saying which', () => {
    const out = join(base.dir, 'refused.pdf');
    const region = inrsHeadless(exportArgs(out, ['--region', '990000']));
    expect(region.status).toBe(2);
    expect(region.stderr).toContain('--region 990000 is not a province adcode');
    const shape = inrsHeadless(exportArgs(out, ['--region', 'hunan']));
    expect(shape.stderr).toContain('must be a 6-digit adcode');
    const lot = inrsHeadless(exportArgs(out, ['--lots', 'L-NOPE']));
    expect(lot.status).toBe(2);
    expect(lot.stderr).toContain('no lot L-NOPE in the replica');
    const time = inrsHeadless(exportArgs(out, ['--at', 'yesterday']));
    expect(time.status).toBe(2);
    expect(time.stderr).toContain('--at "yesterday" is not a time');

    const otherKey = join(base.dir, 'other.key');
    inrsHeadless(['seed', '--scale', 'tiny', '--out', join(base.dir, 'other.db'), '--key-file', otherKey]);
    const wrong = inrsHeadless(['briefing', 'export', '--replica', base.file, '--key-file', otherKey, '--out', out]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('wrong key');
    const missing = inrsHeadless(['briefing', 'export', '--replica', join(base.dir, 'nope.db'), '--key-file', base.keyFile, '--out', out]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('replica file not found');
    expect(existsSync(out)).toBe(false);

    const again = inrsHeadless(exportArgs(join(base.dir, 'national.pdf')));
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
  }, 120_000);

  it('gives the figures as they stood at a past --at, replayed, and says which moment on the cover', () => {
    const hunan = stats.find((s) => s.region === '430000')?.dataAsOf as string;
    const at = new Date(Date.parse(hunan) - 120 * 86_400_000).toISOString();
    const out = join(base.dir, 'past.pdf');
    const r = inrsHeadless(exportArgs(out, ['--at', at]));
    expect(r.status, r.stderr).toBe(0);
    const text = poppler('pdftotext', [out, '-']);
    expect(text).toContain('所请时点');
    expect(text).toContain(beijing(at));
    const asOf = /data as of (\S+)/.exec(r.stdout)?.[1] as string;
    expect(Date.parse(asOf)).toBeLessThanOrEqual(Date.parse(at));
    const early = inrsHeadless(exportArgs(join(base.dir, 'early.pdf'), ['--at', '2000-01-01T00:00:00Z']));
    expect(early.status).toBe(2);
    expect(early.stderr).toContain('before the earliest moment this replica can replay');
  }, 120_000);
});
