import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBriefing } from '../../src/core/briefing';
import { FORECAST_ROWS } from '../../src/core/briefing/forecast-section';
import { createForecastQueries } from '../../src/core/forecast/forecast-queries';
import { openReplica } from '../../src/core/replica/replica';
import { poppler, seededTinyReplica } from './support';

/** The briefing's forecast section on a real seeded encrypted replica, read back with pdftotext. */
const base = seededTinyReplica();

/** pdftotext without layout: the words of the document, whitespace collapsed. */
const words = (file: string) => poppler('pdftotext', [file, '-']).replace(/\s+/g, ' ');

describe('briefing forecast section', () => {
  it('lists the reserves at risk of the province briefed on, soonest first, as the forecast queries compute them', () => {
    const replica = openReplica(base.file, base.key, { readonly: true });
    try {
      const out = join(base.dir, 'forecast-hunan.pdf');
      exportBriefing(replica.db, { out, generatedBy: 'test', region: '430000' });
      const text = words(out);
      expect(text).toContain('储备预测：将低于安全线的储备');
      expect(text).toContain('MSTL');
      const atRisk = createForecastQueries(replica.db)
        .risk()
        .reserves.filter((r) => r.region === '430000');
      expect(atRisk.length).toBeGreaterThan(0);
      // Each row one line: province, category, then its expected date or "已低于", in the order of the forecast.
      const lines = poppler('pdftotext', ['-layout', out, '-']).split('\n');
      let from = lines.findIndex((l) => l.includes('储备预测：将低于安全线的储备'));
      for (const r of atRisk.slice(0, FORECAST_ROWS)) {
        const at = lines.findIndex((l, i) => i > from && new RegExp(`${r.regionZh}\\s+${r.nameZh}\\s`).test(l));
        expect(at, `${r.region} ${r.category}`).toBeGreaterThan(from);
        expect(lines[at]).toContain(r.underFloorNow ? '已低于' : (r.expectedDate ?? r.earliestDate ?? ''));
        from = at;
      }
      // No other province's reserves in a province's briefing.
      const other = createForecastQueries(replica.db).risk().reserves.find((r) => r.region !== '430000');
      if (other) expect(text.slice(text.indexOf('储备预测'))).not.toContain(`${other.regionZh} ${other.nameZh}`);
    } finally {
      replica.close();
    }
  }, 120_000);

  it('says a briefing replayed to a past moment holds no forecast', () => {
    const replica = openReplica(base.file, base.key, { readonly: false });
    try {
      const newest = replica.queries.stats().regions.map((s) => s.dataAsOf ?? '').sort().at(-1) as string;
      const out = join(base.dir, 'forecast-past.pdf');
      exportBriefing(replica.db, { out, generatedBy: 'test', region: '430000', at: new Date(Date.parse(newest) - 30 * 86_400_000).toISOString() });
      const text = words(out);
      expect(text).toContain('储备预测：将低于安全线的储备');
      expect(text).toContain('不含预测');
    } finally {
      replica.close();
    }
  }, 180_000);
});
