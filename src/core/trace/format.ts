import type { AlertRecord, InstructionTrace, LotTrace, TraceEvent } from '../../shared/contract/trace-schemas';

function eventLine(e: TraceEvent): string {
  const where = e.fromDepot && e.toDepot ? `${e.fromDepot}→${e.toDepot}` : (e.depot ?? '-');
  const chain = e.chain === 'ok' ? 'ok' : `BROKEN (${e.chainNote ?? ''})`;
  return [
    String(e.seq).padStart(6),
    e.eventTime.padEnd(24),
    e.recordTime.padEnd(24),
    e.type.padEnd(18),
    `${e.actor.subject} (${e.actor.role})`.padEnd(36),
    where.padEnd(25),
    String(e.quantity ?? '-').padStart(8),
    (e.instructionId ?? '-').padEnd(16),
    chain,
  ].join('  ');
}

const HEADER = [
  'seq'.padStart(6),
  'event time'.padEnd(24),
  'record time'.padEnd(24),
  'type'.padEnd(18),
  'who (role)'.padEnd(36),
  'where'.padEnd(25),
  'qty'.padStart(8),
  'instruction'.padEnd(16),
  'chain',
].join('  ');

function alertLines(alerts: readonly AlertRecord[]): string[] {
  if (alerts.length === 0) return [];
  return [
    '',
    'alerts:',
    ...alerts.map(
      (a) =>
        `  ${a.kind} ${a.severity} raised at seq ${a.seq} (${a.raisedAt})${a.clearedAt ? `, cleared by seq ${a.clearedBySeq} (${a.clearedAt})` : ', OPEN'}: ${JSON.stringify(a.detail)}`,
    ),
  ];
}

function chainLine(chain: { ok: boolean; broken: number }, events: number): string {
  return chain.ok
    ? `chain: all ${events} events hash correctly (per event; run inrs audit verify for the whole log)`
    : `chain: ${chain.broken} of ${events} events BROKEN`;
}

export function formatLotTrace(t: LotTrace): string {
  const l = t.lot;
  return [
    `lot ${l.lotId}  ${l.category}  ${l.quantityIn} ${l.unit ?? ''} taken in at ${l.intakeDepot} (region ${l.region})`,
    `produced ${l.productionDate}  expires ${l.expiryDate}  grade ${l.grade}  origin ${l.origin}`,
    `on hand ${l.onHand}  in transit ${l.inTransit}${t.holdings.length > 0 ? `  held at ${t.holdings.map((h) => `${h.depot} ${h.quantity}`).join(', ')}` : ''}`,
    ...(t.replaces ? [`replaces lot ${t.replaces} (rotation)`] : []),
    ...(t.replacedBy.length > 0 ? [`replaced by ${t.replacedBy.join(', ')} (rotation)`] : []),
    `path: ${t.path.map((p) => `${p.depot}${p.nameZh ? ` ${p.nameZh}` : ''} (${p.since})`).join(' → ') || '-'}`,
    chainLine(t.chain, t.events.length),
    '',
    HEADER,
    ...t.events.map(eventLine),
    ...alertLines(t.alerts),
  ].join('\n');
}

export function formatInstructionTrace(t: InstructionTrace): string {
  const i = t.instruction;
  return [
    `instruction ${i.id}  ${i.kind}  level ${i.level}  issued by ${i.issuer} at ${i.issuedAt} (region ${i.region}, seq ${i.seq})`,
    ...i.lines.map((l) => `  line ${l.category} ${l.quantity}${l.fromDepot ? ` from ${l.fromDepot}` : ''}${l.fromCivilian ? ` from civilian stock ${l.fromCivilian}` : ''}${l.toDepot ? ` to ${l.toDepot}` : ''}${l.toRegion ? ` to region ${l.toRegion}` : ''}`),
    ...t.usage.map((u) => `  moved ${u.category}: in ${u.movedIn}, out ${u.movedOut} of ${u.allowed} authorised${Math.max(u.movedIn, u.movedOut) > u.allowed ? '  EXCEEDED' : ''}`),
    `status: ${i.status}${i.parentId ? `  forwards ${i.parentId}` : ''}`,
    ...t.children.map((c) => `  forwarded as ${c.id} (${c.level}, from ${c.parentId}): ${c.status}`),
    `lots: ${t.lots.join(', ') || '-'}`,
    chainLine(t.chain, t.events.length),
    '',
    HEADER,
    ...t.events.map(eventLine),
    ...alertLines(t.alerts),
  ].join('\n');
}
