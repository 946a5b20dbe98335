import { canonicalJson } from '../../shared/domain/canonical';
import type { SealedEvent } from '../../shared/domain/events';
import type { ProjectorStatements } from './statements';

export type AlertKind = 'anomaly' | 'discrepancy' | 'break-glass';
export type AlertSeverity = 'warning' | 'critical';

/**
 * Alerts are records the projector writes as it folds events, so a replay raises and clears
 * exactly the same ones; ids derive from the raising event, never from a clock or counter.
 */
export function raiseAlert(
  s: ProjectorStatements,
  event: SealedEvent,
  alert: { kind: AlertKind; key: string; severity: AlertSeverity; depot: string | null; lot: string | null; detail: Record<string, unknown> },
): void {
  s.insertAlert.run({
    id: `${alert.kind}:${event.region}:${event.seq}:${alert.key}`,
    kind: alert.kind,
    severity: alert.severity,
    region: event.region,
    depot: alert.depot,
    lot: alert.lot,
    seq: event.seq,
    raisedAt: event.eventTime,
    detail: canonicalJson(alert.detail),
  });
}

/** Clears the open alerts that an earlier event of the region raised. */
export function clearAlertsRaisedBy(s: ProjectorStatements, event: SealedEvent, seq: number): void {
  s.clearAlertsOfSeq.run(event.eventTime, event.seq, event.region, seq);
}

/** A count that matches the book closes every open discrepancy of that lot at that depot. */
export function clearDiscrepancies(s: ProjectorStatements, event: SealedEvent, lotId: string, depot: string): void {
  s.clearDiscrepancies.run(event.eventTime, event.seq, lotId, depot);
}
