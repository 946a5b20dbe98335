import type { LotTrace } from '../../../shared/contract/trace-schemas';
import { heading, paragraph, type Doc } from './document';
import { EVENT_ZH, label, num } from './labels';
import { table } from './table';
import { CRITICAL, MUTED } from './theme';
import { beijingTime } from './time';

/** One page (or more) per traced lot: master data, path across depots and its whole life in log order. */
export function drawLotPages(doc: Doc, lots: readonly LotTrace[]): void {
  for (const t of lots) {
    doc.addPage();
    heading(doc, `批次追溯 ${t.lot.lotId}`, 'lot trace');
    const l = t.lot;
    paragraph(
      doc,
      `品类 ${l.category} · 入库库点 ${l.intakeDepot} · 入库 ${num(l.quantityIn)}${l.unit ? ` ${l.unit}` : ''} · 在库 ${num(l.onHand)} · 在途 ${num(l.inTransit)} · 生产 ${l.productionDate} · 到期 ${l.expiryDate} · 等级 ${l.grade} · 产地 ${l.origin}`,
    );
    paragraph(doc, `路径：${t.path.map((p) => p.nameZh ?? p.depot).join(' → ') || '—'}${t.replaces ? ` · 轮换自 ${t.replaces}` : ''}${t.replacedBy.length > 0 ? ` · 由 ${t.replacedBy.join('、')} 轮换` : ''}`);
    paragraph(doc, t.chain.ok ? '哈希链：全部事件校验通过' : `哈希链：${t.chain.broken} 条事件校验失败`, { color: t.chain.ok ? MUTED : CRITICAL, bold: !t.chain.ok });
    table(
      doc,
      [
        { header: '序号', width: 0.8, align: 'right' },
        { header: '时间（北京时间）', width: 1.5 },
        { header: '事件', width: 0.8 },
        { header: '库点', width: 1.8 },
        { header: '数量', width: 0.9, align: 'right' },
        { header: '指令', width: 1.6 },
        { header: '操作人', width: 2.6 },
        { header: '哈希链', width: 0.7 },
      ],
      t.events.map((e) => [
        String(e.seq),
        beijingTime(e.eventTime),
        label(EVENT_ZH, e.type),
        e.fromDepot && e.toDepot ? `${e.fromDepot} → ${e.toDepot}` : (e.depot ?? '—'),
        e.quantity === null ? '—' : num(e.quantity),
        e.instructionId ?? '—',
        `${e.actor.subject}（${e.actor.role}）`,
        e.chain === 'ok' ? '完整' : { text: '断裂', color: CRITICAL, bold: true },
      ]),
      { empty: '无事件' },
    );
  }
}
