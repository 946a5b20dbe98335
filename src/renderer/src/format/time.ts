/** "2026-11-26T03:07:17Z" → "2026-11-26 03:07Z": minute precision is enough on a wall. */
export function shortTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}${iso.endsWith('Z') ? 'Z' : ''}` : iso;
}
