import type { AuditReport } from './types';

const MAX_LISTED = 20;

/** The audit as an operator reads it: the verdict first, then one line per region. */
export function formatAuditReport(report: AuditReport): string {
  const lines: string[] = [];
  const first = report.firstProblem;
  lines.push(first ? `FAILED: region ${first.region} seq ${first.seq}: ${first.kind}: ${first.message}` : `OK: ${report.events} events verified`);
  lines.push(`store       ${report.target}`);
  lines.push(`signatures  ${report.anchored ? 'checked against the given national root' : 'checked against each signer chain (unanchored: no --root given)'}`);
  lines.push('');
  lines.push('region   events    head  checkpoints  state     status');
  for (const r of report.regions) {
    const status = r.status === 'verified-from-snapshot' ? `verified from snapshot at seq ${r.fromSnapshot}` : r.status;
    lines.push(
      `${r.region}  ${String(r.events).padStart(7)}  ${String(r.headSeq ?? '-').padStart(6)}  ${`${r.checkpoints.verified}/${r.checkpoints.total}`.padStart(11)}  ${r.state.padEnd(8)}  ${status}`,
    );
  }
  const problems = report.regions.flatMap((r) => r.problems);
  if (problems.length > 0) {
    lines.push('', `problems (${problems.length}):`);
    for (const p of problems.slice(0, MAX_LISTED)) lines.push(`  ${p.region} seq ${p.seq}  ${p.kind}: ${p.message}`);
    if (problems.length > MAX_LISTED) lines.push(`  … ${problems.length - MAX_LISTED} more (--json lists all)`);
  }
  const notes = report.regions.filter((r) => r.stateNote && r.state !== 'differs');
  if (notes.length > 0 && notes.length < report.regions.length) for (const r of notes) lines.push(`note: ${r.region} ${r.stateNote}`);
  const s = (ms: number) => (ms / 1000).toFixed(1);
  lines.push(
    '',
    `${report.events} events in ${s(report.millis.total)} s (${report.eventsPerSecond} events/s; chain ${s(report.millis.chain)} s at ${report.chainEventsPerSecond} events/s, replay ${s(report.millis.replay)} s)`,
  );
  return lines.join('\n');
}
