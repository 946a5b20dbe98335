import { create } from 'zustand';
import type { CommandAnswer, HostErrorInfo, InrsApi, RuleAlertList, RuleAlertView, SituationFilter } from '../../../../shared/contract';
import { getInrs } from '../../bridge';

export type AlertAction = 'acknowledge' | 'assign' | 'resolve';

export interface ActionStatus {
  state: 'sending' | 'accepted' | 'refused' | 'failed';
  answer: CommandAnswer | null;
  message: string | null;
}

export interface RuleAlertsState {
  list: RuleAlertList | null;
  error: HostErrorInfo | null;
  /** The last action sent on each alert id. */
  actionStatus: Record<string, ActionStatus>;
  actions: {
    /** Reads the rule alerts in the wall's filter (the last filter asked for, when none is given). */
    load(filter?: SituationFilter): Promise<void>;
    act(alert: RuleAlertView, action: AlertAction, text: string): Promise<ActionStatus>;
  };
}

/** The rule alerts of the replica (read again on every data change and every minute) and the officers' actions on them. */
export function createRuleAlertsStore(api: () => InrsApi) {
  return create<RuleAlertsState>()((set, get) => {
    let loads = 0;
    let lastFilter: SituationFilter = { classes: [], categories: [], regions: [], riskBands: [] };
    const load = async (filter?: SituationFilter) => {
      if (filter) lastFilter = filter;
      const n = ++loads;
      const result = await api().alerts.list({ filter: lastFilter });
      if (n !== loads) return;
      set(result.ok ? { list: result.value, error: null } : { error: result.error });
    };
    return {
      list: null,
      error: null,
      actionStatus: {},
      actions: {
        load,
        act: async (alert, action, text) => {
          const put = (status: ActionStatus) => set({ actionStatus: { ...get().actionStatus, [alert.id]: status } });
          put({ state: 'sending', answer: null, message: null });
          const raising = { region: alert.region, alertId: alert.id, raisedAt: alert.raisedAt };
          const result =
            action === 'assign'
              ? await api().alerts.assign({ ...raising, assignee: text })
              : action === 'acknowledge'
                ? await api().alerts.acknowledge({ ...raising, comment: text })
                : await api().alerts.resolve({ ...raising, comment: text });
          const status: ActionStatus = !result.ok
            ? { state: 'failed', answer: null, message: result.error.message }
            : { state: result.value.status === 'accepted' ? 'accepted' : 'refused', answer: result.value, message: result.value.reason };
          put(status);
          if (status.state === 'accepted') await load();
          return status;
        },
      },
    };
  });
}

export const useRuleAlertsStore = createRuleAlertsStore(getInrs);

export const ruleAlertsSelectors = {
  list: (s: RuleAlertsState) => s.list,
  error: (s: RuleAlertsState) => s.error,
  actionStatus: (s: RuleAlertsState) => s.actionStatus,
  actions: (s: RuleAlertsState) => s.actions,
};
