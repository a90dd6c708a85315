/** The progress bar of `communique ingest` on a terminal: done/total, documents per second, time left. */

export interface Progress {
  /** Inputs finished (record written, duplicate, unchanged or error). */
  done: number;
  total: number;
  /** Milliseconds since the run started. */
  elapsedMs: number;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line of progress, at most `width` columns. */
export function formatProgress(p: Progress, width = 80): string {
  const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
  const left = rate > 0 ? duration(((p.total - p.done) / rate) * 1000) : '?';
  const pct = p.total === 0 ? 100 : Math.floor((p.done * 100) / p.total);
  const tail = ` ${p.done}/${p.total} ${pct}% ${rate.toFixed(rate < 10 ? 1 : 0)} docs/s ${left} left`;
  const barWidth = Math.max(10, Math.min(40, width - tail.length - 3));
  const filled = p.total === 0 ? barWidth : Math.round((p.done / p.total) * barWidth);
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]${tail}`;
}

/** A progress bar redrawn in place on a TTY stream, at most every `everyMs`; cleared at the end. */
export function progressBar(stream: NodeJS.WriteStream, everyMs = 100): { update(p: Progress): void; done(): void } {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < everyMs && p.done < p.total) return;
      last = now;
      shown = true;
      stream.write(`\r${formatProgress(p, stream.columns ?? 80)}\x1b[K`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
