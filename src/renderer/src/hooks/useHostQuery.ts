import { useEffect, useState } from 'react';
import type { HostErrorInfo, Result } from '../../../shared/contract';

/**
 * Runs a host call whenever its key changes (filter, region, data version) and keeps the last
 * answer; an answer to an older key is dropped.
 */
export function useHostQuery<T>(key: string | null, call: () => Promise<Result<T>>): { value: T | null; error: HostErrorInfo | null } {
  const [state, setState] = useState<{ value: T | null; error: HostErrorInfo | null }>({ value: null, error: null });
  useEffect(() => {
    if (key === null) return;
    let current = true;
    call().then(
      (r) => {
        if (current) setState(r.ok ? { value: r.value, error: null } : { value: null, error: r.error });
      },
      (err: unknown) => {
        if (current) setState({ value: null, error: { code: 'internal', message: String(err) } });
      },
    );
    return () => {
      current = false;
    };
    // The key stands for everything the call depends on.
  }, [key]);
  return state;
}
