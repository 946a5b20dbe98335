import { HostError, type AppInfo, type ChainStatus, type LinkState } from '../../shared/contract';
import type { ReplicaClient } from '../../core/replica/replica-client';
import type { HostHandlers } from './dispatcher';
import { exportFromHost } from '../../core/briefing/host-export';
import { deliverBriefing, type BriefingDelivery } from './briefing-delivery';
import type { CommandSender } from './command-sender';
import { createAlertHandlers } from './alert-handlers';
import { createEmergencyHandlers } from './emergency-handlers';
import { createReplayHandlers } from './replay-handlers';
import { createDisplayHandlers, withKiosk } from '../displays/display-handlers';
import type { DisplaysService } from '../displays/displays-service';
import { createDispatchHandlers, createDispatchService, type DispatchService } from './dispatch-service';
import { createOptimisationHandlers, createOptimisationService, type OptimisationService } from './optimisation-service';
import { createScenarioHandlers, createScenarioService, type ScenarioService } from './scenario-service';
import type { RegistryActions } from './registry-actions';
import { createRegistryHandlers } from './registry-handlers';

export interface AppHostDeps {
  replica: ReplicaClient;
  info: AppInfo;
  /** Current state of every regional link; empty when the host runs offline. */
  links: () => LinkState[];
  /** Each region's chain status, kept current by the host's chain watch. */
  chain: () => Promise<ChainStatus>;
  /** Signs and sends commands once the host is linked; null (or absent) while offline. */
  commands?: () => CommandSender | null;
  /** The host's displays and workstation layout; in memory when the host has none of its own. */
  displays?: DisplaysService;
  /** Dispatch recommendation and issue; one without progress events is made when absent. */
  dispatch?: DispatchService;
  /** The optimisation wall's plans and their issue; one without progress events is made when absent. */
  optimisation?: OptimisationService;
  /** Hazard import and scenario simulation; one without progress events is made when absent. */
  scenario?: ScenarioService;
  /** How the shell hands a written briefing to the officer; without it briefing:deliver fails clearly. */
  delivery?: BriefingDelivery;
  /** A registry verifier's steps, when the workstation holds a verifier's certificate. */
  registry?: () => RegistryActions | null;
}

const notContributor = (channel: string) => (): never => {
  throw new HostError('not-served', `${channel}: this workstation is not signed in as a civilian contributor (start it with --contributor FILE.p12)`);
};
/** A reserve workstation has no contributor's session: those channels belong to a contributor's workstation. */
const contributorChannelsRefused = {
  'contributor:assets': notContributor('contributor:assets'),
  'contributor:instructions': notContributor('contributor:instructions'),
  'contributor:register': notContributor('contributor:register'),
  'contributor:withdraw': notContributor('contributor:withdraw'),
};

/** The contract implemented on top of core services; knows nothing of Electron or HTTP. */
export function createAppHandlers({ replica, info, links, chain, commands = () => null, displays, dispatch, optimisation, scenario, delivery, registry = () => null }: AppHostDeps): HostHandlers {
  const scenarios = scenario ?? createScenarioService({ replica });
  return {
    'app:info': () => withKiosk(info, displays),
    ...contributorChannelsRefused,
    'replica:stats': () => replica.call('stats', []),
    'replica:provinces': () => replica.call('provinces', []),
    'depots:search': ({ query, limit }) => replica.call('searchDepots', [query, limit]),
    'depots:detail': async ({ code }) => {
      const detail = await replica.call('depotDetail', [code]);
      if (!detail) throw new HostError('not-found', `depots:detail: no depot ${code}`);
      return detail;
    },
    'categories:list': () => replica.call('categories', []),
    'situation:snapshot': ({ filter }) => replica.call('situationSnapshot', [filter]),
    'situation:kpis': ({ filter }) => replica.call('situationKpis', [filter]),
    'situation:trend': ({ region, filter, days }) => replica.call('situationTrend', [region, filter, days]),
    'instructions:list': ({ filter, limit }) => replica.call('instructions', [filter, limit]),
    'forecast:region': ({ region }) => replica.call('forecastRegion', [region]),
    'forecast:risk': () => replica.call('forecastRisk', []),
    'sync:links': () => links(),
    'trace:lot': async ({ lotId }) => {
      const trace = await replica.call('traceLot', [lotId]);
      if (!trace) throw new HostError('not-found', `trace:lot: no lot ${lotId}`);
      return trace;
    },
    'trace:instruction': async ({ id }) => {
      const trace = await replica.call('traceInstruction', [id]);
      if (!trace) throw new HostError('not-found', `trace:instruction: no instruction ${id}`);
      return trace;
    },
    'trace:search': ({ query, limit }) => replica.call('traceSearch', [query, limit]),
    'audit:chain-status': () => chain(),
    // A briefing made after a scenario run carries its plan comparison.
    'briefing:export': (request) => exportFromHost(replica, info.replicaPath, request, scenarios.lastRun()),
    'briefing:deliver': ({ file }) => deliverBriefing(info.replicaPath, file, delivery),
    ...createEmergencyHandlers(replica, commands),
    ...createAlertHandlers(replica, commands),
    ...createReplayHandlers(replica),
    ...createDisplayHandlers(displays),
    ...createDispatchHandlers(dispatch ?? createDispatchService({ replica, commands })),
    ...createOptimisationHandlers(optimisation ?? createOptimisationService({ replica, commands })),
    ...createScenarioHandlers(scenarios),
    ...createRegistryHandlers(replica, registry),
  };
}
