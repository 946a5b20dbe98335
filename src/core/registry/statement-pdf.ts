import type { BriefingFonts } from '../briefing/font';
import { createDocument, heading, paragraph, writeFooters } from '../briefing/pdf/document';
import { table } from '../briefing/pdf/table';
import { CRITICAL, MUTED, SIZE } from '../briefing/pdf/theme';
import { beijingLabel, beijingTime } from '../briefing/pdf/time';
import type { LedgerReport } from './ledger-report';

/** Said on every statement: the ledger counts contribution, it promises nothing. */
export const NO_RETURN_NOTICE =
  '本记录单仅记载按国家中心公布的贡献规则版本计算的贡献单位，是参与国家储备的贡献记录，不构成任何支付、投资或收益凭证，不承诺任何回报。';

const units = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 3 });
const SOURCE: Record<string, string> = { registration: '核验通过登记' };

/**
 * The contributor statement (Chinese PDF): the contributor's ledger entries with the rule version
 * that priced each, the rule versions with their effective time and signer, the balance, and the
 * notice that no return is promised. Rendered with the briefing's embedded font and page layout.
 */
export function renderStatement(report: LedgerReport, contributor: string, fonts: BriefingFonts, generatedAt: string): Buffer {
  const title = '民间资产贡献记录单';
  const doc = createDocument(fonts, { title, author: 'INRS Command Center', subject: `贡献者 ${contributor}`, keywords: 'INRS, registry, contribution statement' });
  doc.font('sc-bold').fontSize(SIZE.title).text(title);
  doc.moveDown(0.3);
  paragraph(doc, `贡献者：${contributor}`);
  paragraph(doc, `数据截至：${beijingLabel(report.asOf)}    生成时间：${beijingLabel(generatedAt)}`, { color: MUTED });
  const balance = report.balances.find((b) => b.contributor === contributor)?.units ?? 0;
  paragraph(doc, `贡献单位合计：${units(balance)}`, { bold: true, size: SIZE.heading });
  paragraph(doc, NO_RETURN_NOTICE, { color: CRITICAL, bold: true });
  doc.moveDown(0.5);

  const used = new Set(report.entries.map((e) => e.ruleVersion));
  heading(doc, '适用的贡献规则版本', 'Rule versions');
  table(
    doc,
    [{ header: '规则版本', width: 2 }, { header: '生效时间（北京时间）', width: 3 }, { header: '签发（国家中心）', width: 5 }, { header: '签名核验', width: 2 }, { header: '本单使用', width: 1.5 }],
    report.rules.map((r) => [r.version, beijingTime(r.effectiveFrom), r.signer, r.chainChecked ? '签名与证书链有效' : '签名有效', used.has(r.version) ? '是' : '否']),
    { empty: '尚未公布贡献规则' },
  );
  if (used.has('none')) paragraph(doc, '标为 none 的记录发生在首个规则版本生效之前，不计贡献单位。', { color: MUTED });
  doc.moveDown(0.5);

  heading(doc, '贡献明细', 'Entries');
  table(
    doc,
    [{ header: '时间（北京时间）', width: 2.4 }, { header: '资产', width: 4 }, { header: '来源', width: 2.6 }, { header: '规则版本', width: 1.6 }, { header: '贡献单位', width: 1.6, align: 'right' }],
    report.entries.map((e) => [beijingTime(e.at), `${e.assetName}（${e.assetId}）`, SOURCE[e.source] ?? `计量记录 ${e.source}`, e.ruleVersion, units(e.units)]),
    { empty: '暂无贡献记录' },
  );
  writeFooters(doc, `${title} · ${contributor} · 仅记贡献单位，不承诺任何回报`);
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return Buffer.concat(chunks);
}
