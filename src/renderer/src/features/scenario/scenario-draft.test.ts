import { describe, expect, it } from 'vitest';
import { simulationScenarioSchema } from '../../../../shared/domain/simulation-scenario';
import { draftOfScenario, newPlan, scenarioOfDraft, type ScenarioDraft } from './scenario-draft';

const scenario = simulationScenarioSchema.parse({
  title: 'flood',
  days: 5,
  affected: [
    { region: '430000', population: 2000, onsetDay: 0, durationDays: 5 },
    { region: '420000', population: 500, onsetDay: 2, durationDays: 2 },
  ],
  plans: [
    { id: 'own', sourceRegions: ['430000', '420000'], dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false },
    { id: 'all', sourceRegions: 'all', dailyTransportTonnes: 800.5, replenishLeadDays: 3, belowFloor: true, civilianTransport: true },
  ],
});

describe('scenario draft', () => {
  it('round-trips a scenario, days counted from 1 in the editor', () => {
    const draft = draftOfScenario(scenario);
    expect(draft.affected.map((a) => a.onset)).toEqual(['1', '3']);
    expect(draft.plans[1]).toEqual({ id: 'all', sources: 'all', transport: '800.5', lead: '3', belowFloor: true, civilian: true });
    expect(draft.plans[0]?.civilian).toBe(false);
    expect(draft.plans[0]?.transport).toBe('');
    expect(scenarioOfDraft(draft)).toEqual({ ok: true, scenario });
  });

  it('names every field that is not right, and gives no scenario', () => {
    const draft: ScenarioDraft = draftOfScenario(scenario);
    const bad: ScenarioDraft = {
      ...draft,
      days: '4',
      affected: [{ ...draft.affected[0]!, population: '1.5' }, { ...draft.affected[1]!, onset: '5', duration: '0' }],
      plans: [
        { ...draft.plans[0]!, sources: [], transport: '-3' },
        { ...draft.plans[1]!, id: 'own', lead: '0' },
      ],
    };
    const check = scenarioOfDraft(bad);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual(
      expect.arrayContaining([
        { field: 'population', region: '430000', rule: 'people' },
        { field: 'onset', region: '420000', rule: 'onset' },
        { field: 'duration', region: '420000', rule: 'duration' },
        { field: 'plan-sources', plan: 0, rule: 'sources' },
        { field: 'plan-transport', plan: 0, rule: 'transport' },
        { field: 'plan-id', plan: 1, rule: 'duplicate' },
        { field: 'plan-lead', plan: 1, rule: 'lead' },
      ]),
    );
    expect(check.problems).toHaveLength(7);
    expect(scenarioOfDraft({ ...draft, days: '367' })).toMatchObject({ ok: false, problems: [{ field: 'days' }] });
    expect(scenarioOfDraft({ ...draft, affected: [] })).toMatchObject({ ok: false, problems: [{ field: 'affected' }] });
    expect(scenarioOfDraft({ ...draft, plans: [] })).toMatchObject({ ok: false, problems: [{ field: 'plans', rule: 'none' }] });
  });

  it('an empty transport or lead is no limit and no replenishment; a new plan takes a free name', () => {
    const draft = draftOfScenario(scenario);
    const check = scenarioOfDraft({ ...draft, plans: [{ ...draft.plans[1]!, transport: ' ', lead: '' }] });
    expect(check.ok && check.scenario.plans[0]).toMatchObject({ dailyTransportTonnes: null, replenishLeadDays: null });
    const plans = [...draft.plans, { ...newPlan(draft.plans) }];
    expect(plans[2]?.id).toBe('plan-3');
    expect(newPlan([...plans, { ...plans[2]!, id: 'plan-4' }]).id).toBe('plan-5');
  });
});
