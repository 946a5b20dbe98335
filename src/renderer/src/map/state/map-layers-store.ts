import { create } from 'zustand';

export const MAP_LAYERS = ['provinces', 'depots', 'transfers', 'alerts', 'civilian'] as const;
export type MapLayerId = (typeof MAP_LAYERS)[number];

interface MapLayersState {
  visible: Record<MapLayerId, boolean>;
  actions: { toggle(layer: MapLayerId): void; setVisible(layer: MapLayerId, visible: boolean): void };
}

/** Which map layers the user has switched on; shared by every map on the page. */
export const useMapLayersStore = create<MapLayersState>()((set) => ({
  visible: { provinces: true, depots: true, transfers: true, alerts: true, civilian: true },
  actions: {
    toggle: (layer) => set((s) => ({ visible: { ...s.visible, [layer]: !s.visible[layer] } })),
    setVisible: (layer, visible) => set((s) => ({ visible: { ...s.visible, [layer]: visible } })),
  },
}));

export const mapLayersSelectors = {
  visible: (s: MapLayersState) => s.visible,
  actions: (s: MapLayersState) => s.actions,
};
