import { describe, expect, it } from 'vitest';
import type { AlertPoint, Situation, SituationFilter } from '../../../shared/contract';
import { followCriticalAlerts, followEmergencyLevels } from './kiosk-sources';
import { useSituationStore } from '../stores/situation-store';
import { useEmergencyStore } from '../emergency/emergency-store';

const filter = (f: Partial<SituationFilter> = {}): SituationFilter => ({ classes: [], categories: [], regions: [], riskBands: [], ...f });
const alert = (id: string, severity: AlertPoint['severity'], region = '430000'): AlertPoint => ({ id, kind: 'under-floor', severity, region, depot: null, class: null, category: null, lon: 0, lat: 0, raisedAt: '2026-01-01T00:00:00Z' });
const situation = (alerts: AlertPoint[]): Situation => ({ dataVersion: String(alerts.length), asOf: null, provinces: [], depots: [], transfers: [], alerts });

describe('what interrupts a kiosk, read from the app stores', () => {
  it('critical alerts come from the whole-country situation only, not from a focused one', () => {
    const calls: string[][] = [];
    useSituationStore.setState({ situation: situation([alert('a', 'critical'), alert('b', 'warning')]), loadedFilter: filter() });
    const off = followCriticalAlerts((ids) => calls.push(ids));
    useSituationStore.setState({ situation: situation([alert('a', 'critical')]), loadedFilter: filter({ regions: ['110000'] }) });
    useSituationStore.setState({ situation: situation([alert('a', 'critical'), alert('c', 'critical', '110000')]), loadedFilter: filter() });
    off();
    useSituationStore.setState({ situation: situation([]), loadedFilter: filter() });
    expect(calls).toEqual([['a'], ['a', 'c']]);
  });

  it('emergency levels as ranks, once the state has been read', () => {
    const calls: Record<string, number>[] = [];
    const off = followEmergencyLevels((levels) => calls.push(levels));
    const level = (region: string, l: 'IV' | 'II') => ({ region, level: l }) as unknown as ReturnType<typeof useEmergencyStore.getState>['levels'][number];
    useEmergencyStore.setState({ levels: [level('430000', 'IV')] });
    useEmergencyStore.setState({ loaded: true });
    useEmergencyStore.setState({ levels: [level('430000', 'II'), level('510000', 'IV')] });
    off();
    expect(calls).toEqual([{ '430000': 1 }, { '430000': 3, '510000': 1 }]);
  });
});
