import type { KioskSettings, WorkstationLayout } from '../../../shared/contract/display-schemas';

/** Edits of a workstation layout in the settings panel, as pure functions of plain JSON. */
export type LayoutEdit =
  | { type: 'assign'; displayKey: string; wall: string | null }
  | { type: 'kiosk'; patch: Partial<Pick<KioskSettings, 'enabled' | 'intervalSeconds'>> }
  | { type: 'playlist-add'; wall: string }
  | { type: 'playlist-remove'; index: number }
  | { type: 'playlist-up'; index: number };

export function editLayout(layout: WorkstationLayout, edit: LayoutEdit): WorkstationLayout {
  switch (edit.type) {
    case 'assign': {
      const rest = layout.assignments.filter((a) => a.displayKey !== edit.displayKey);
      const at = layout.assignments.findIndex((a) => a.displayKey === edit.displayKey);
      const entry = { displayKey: edit.displayKey, wall: edit.wall };
      // Keeps the display's place in the list, so the file changes only where the user changed it.
      const assignments = at === -1 ? [...rest, entry] : [...rest.slice(0, at), entry, ...rest.slice(at)];
      return { ...layout, assignments };
    }
    case 'kiosk':
      return { ...layout, kiosk: { ...layout.kiosk, ...edit.patch } };
    case 'playlist-add':
      return layout.kiosk.playlist.length >= 20 ? layout : { ...layout, kiosk: { ...layout.kiosk, playlist: [...layout.kiosk.playlist, edit.wall] } };
    case 'playlist-remove':
      return { ...layout, kiosk: { ...layout.kiosk, playlist: layout.kiosk.playlist.filter((_, i) => i !== edit.index) } };
    case 'playlist-up': {
      if (edit.index <= 0 || edit.index >= layout.kiosk.playlist.length) return layout;
      const playlist = [...layout.kiosk.playlist];
      [playlist[edit.index - 1], playlist[edit.index]] = [playlist[edit.index]!, playlist[edit.index - 1]!];
      return { ...layout, kiosk: { ...layout.kiosk, playlist } };
    }
  }
}

/** The wall stored for a display, or undefined when it has none yet (the host picks one). */
export function assignedWall(layout: WorkstationLayout, displayKey: string): string | null | undefined {
  return layout.assignments.find((a) => a.displayKey === displayKey)?.wall;
}

/** `&kiosk=1&playlist=…&interval=…`: the same kiosk in a browser tab. */
export function kioskQuery(kiosk: KioskSettings): string {
  const params = new URLSearchParams({ kiosk: '1' });
  if (kiosk.playlist.length > 0) params.set('playlist', kiosk.playlist.join(','));
  params.set('interval', String(kiosk.intervalSeconds));
  return `&${params.toString().replace(/%2C/g, ',')}`;
}
