import { useEffect, useState } from 'react';
import type { HostErrorInfo, RuleAlertView } from '../../../../shared/contract';
import type { AlertRuleSet } from '../../../../shared/domain/alert-rules';
import { getInrs } from '../../bridge';

/** Waits this long after the last edit before asking the replica what the rules would raise. */
const SETTLE_MS = 300;

export interface Preview {
  state: 'idle' | 'pending' | 'ready' | 'error';
  alerts: RuleAlertView[];
  error: HostErrorInfo | null;
}

/** What the edited rule set would raise on the region's current values, asked again once the edits settle. */
export function useRulePreview(region: string, ruleSet: AlertRuleSet | null): Preview {
  const [preview, setPreview] = useState<Preview>({ state: 'idle', alerts: [], error: null });
  const key = ruleSet ? `${region}|${JSON.stringify(ruleSet.rules)}` : null;
  useEffect(() => {
    if (!ruleSet) {
      setPreview({ state: 'idle', alerts: [], error: null });
      return;
    }
    let current = true;
    setPreview((p) => ({ ...p, state: 'pending' }));
    const timer = setTimeout(() => {
      void getInrs()
        .alerts.preview({ region, ruleSet })
        .then((r) => {
          if (!current) return;
          setPreview(r.ok ? { state: 'ready', alerts: r.value, error: null } : { state: 'error', alerts: [], error: r.error });
        });
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The key stands for the region and the rules.
  }, [key]);
  return preview;
}
