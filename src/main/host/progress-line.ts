/** A one-line progress report for long work shown on a console. */
export function progressLine(label: string, done: number, total: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const width = 30;
  const filled = Math.round(share * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}% (${done.toLocaleString('en')} / ${total.toLocaleString('en')})`;
}
