import { useEffect } from 'react';
import { useFilterStore } from '../filters/filter-store';
import { useDepotStore } from '../stores/depot-store';
import { useSearchStore } from '../stores/search-store';
import { useWallStore } from '../walls/wall-store';
import { commandFor } from './shortcuts';

function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Wires the control-room keys to the stores; Esc first closes what is open, then clears the filter. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandFor({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, inTextField: inTextField(e.target) });
      if (!command) return;
      e.preventDefault();
      const search = useSearchStore.getState();
      const depot = useDepotStore.getState();
      switch (command) {
        case 'next-wall':
          useWallStore.getState().actions.next();
          break;
        case 'previous-wall':
          useWallStore.getState().actions.previous();
          break;
        case 'search':
          search.actions.show();
          break;
        case 'reset':
          if (search.open) search.actions.hide();
          else if (depot.selected) depot.actions.close();
          else useFilterStore.getState().actions.clear();
          break;
        case 'home':
          search.actions.hide();
          depot.actions.close();
          useFilterStore.getState().actions.clear();
          useWallStore.getState().actions.reset();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
