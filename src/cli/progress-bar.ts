/** One line, redrawn in place on a terminal (plain lines elsewhere): bar, count, rate and time left. */
export function renderProgress(label: string, done: number, total: number, perSecond: number, etaSeconds: number, width = 30): string {
  const fraction = total === 0 ? 1 : Math.min(done / total, 1);
  const filled = Math.round(fraction * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return `${label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')} events ` +
    `${Math.round(perSecond).toLocaleString('en-GB')} events/s ETA ${formatSeconds(etaSeconds)}`;
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.ceil(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function progressWriter(stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  return {
    update(line: string) {
      const now = Date.now();
      if (!stream.isTTY) {
        if (now - last < 1000) return;
        last = now;
        stream.write(`${line}\n`);
        return;
      }
      stream.write(`\r${line}`);
    },
    finish(line: string) {
      stream.write(stream.isTTY ? `\r${line}\n` : `${line}\n`);
    },
  };
}
