/** Progress on stderr: a redrawn bar on a terminal, a line per step otherwise (logs, CI). */
export function progressBar(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  return (done, total) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const bar = `${'#'.repeat(Math.round(share * width))}`.padEnd(width, '.');
    const line = `${label} [${bar}] ${Math.round(share * 100)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')}`;
    process.stderr.write(tty ? `\r${line}${done >= total ? '\n' : ''}` : `${line}\n`);
  };
}
