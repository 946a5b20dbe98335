/** `?lot=ID` names the lot the trace wall shows, so a trace can be linked and survives a reload. */
export function lotFromUrl(): string | null {
  try {
    return new URLSearchParams(window.location.search).get('lot');
  } catch {
    return null;
  }
}

export function writeLotToUrl(lotId: string | null): void {
  try {
    const url = new URL(window.location.href);
    if (url.searchParams.get('lot') === lotId) return;
    if (lotId === null) url.searchParams.delete('lot');
    else url.searchParams.set('lot', lotId);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  } catch {
    // Not in a browser page (tests): nothing to keep in step.
  }
}
