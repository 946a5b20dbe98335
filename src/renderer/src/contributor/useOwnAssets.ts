import { useCallback, useEffect, useState } from 'react';
import type { HostErrorInfo, OwnAsset } from '../../../shared/contract';
import { getInrs } from '../bridge';

export interface OwnAssetsState {
  assets: OwnAsset[] | null;
  error: HostErrorInfo | null;
  loading: boolean;
  /** Counts the reads, so views beside the assets read again with them. */
  round: number;
  reload(): void;
}

/** The contributor's own assets as its server holds them, read again after each step it takes. */
export function useOwnAssets(): OwnAssetsState {
  const [round, setRound] = useState(0);
  const [state, setState] = useState<{ assets: OwnAsset[] | null; error: HostErrorInfo | null; loading: boolean }>({ assets: null, error: null, loading: true });
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    void getInrs()
      .contributor.assets()
      .then((r) => {
        if (!current) return;
        setState((s) => (r.ok ? { assets: r.value.assets, error: null, loading: false } : { assets: s.assets, error: r.error, loading: false }));
      });
    return () => {
      current = false;
    };
  }, [round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, round, reload };
}
