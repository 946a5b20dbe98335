import { create } from 'zustand';
import type { InrsApi, LinkState } from '../../../shared/contract';
import { getInrs } from '../bridge';

export interface LinkStoreState {
  links: Record<string, LinkState>;
  actions: {
    /** Loads the current states, then follows `sync:link-changed`; returns the unsubscribe. */
    start(): () => void;
  };
}

export function createLinkStore(api: () => InrsApi) {
  return create<LinkStoreState>()((set) => ({
    links: {},
    actions: {
      start: () => {
        const off = api().events.on('sync:link-changed', (state) => set((s) => ({ links: { ...s.links, [state.region]: state } })));
        void api()
          .sync.links()
          .then((result) => {
            if (result.ok) set((s) => ({ links: { ...Object.fromEntries(result.value.map((l) => [l.region, l])), ...s.links } }));
          });
        return off;
      },
    },
  }));
}

export const useLinkStore = createLinkStore(getInrs);

export const linkSelectors = {
  links: (s: LinkStoreState) => s.links,
  of: (region: string) => (s: LinkStoreState) => s.links[region],
};
