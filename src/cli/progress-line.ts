/** The text of a progress line, made to fit a terminal's width. Pure: no clock, no I/O. */

/** `1h 02m`, `3m 05s`, `42s`. */
export function formatEta(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** What a progress line shows. */
export interface ProgressState {
  /** What is running: the scenario's name. */
  readonly label: string;
  /** Share done, 0 to 1. */
  readonly fraction: number;
  /** Counts, e.g. `replication 3/20` or `2/5 points  12/30 runs`. */
  readonly detail: string;
  /** Wall-clock time since the start. */
  readonly elapsedMs: number;
}

/** Bar width bounds: wider bars are no clearer, and a bar narrower than this is dropped. */
const BAR_MAX = 30;
const BAR_MIN = 6;

/**
 * Time left at the pace so far: elapsed x (1 - f) / f; undefined until there is a pace to
 * go by (nothing done yet, or less than a second elapsed).
 */
export function etaMs(fraction: number, elapsedMs: number): number | undefined {
  if (!(fraction > 0) || elapsedMs < 1000) return undefined;
  return (elapsedMs * (1 - Math.min(1, fraction))) / fraction;
}

/**
 * The progress line, at most `columns - 1` characters (so that the terminal never wraps it,
 * and `\r` with an erase of the line removes it whole):
 * `aiderss [########------] 40%  replication 8/20  elapsed 12s  ETA 18s`.
 * When it does not fit, the bar shrinks, then goes, then the line is cut with an ellipsis.
 */
export function progressLine(p: ProgressState, columns: number): string {
  const max = Math.max(1, columns - 1);
  const f = Math.min(1, Math.max(0, p.fraction));
  const eta = etaMs(f, p.elapsedMs);
  const tail = `${String(Math.floor(f * 100)).padStart(3)}%  ${p.detail}  elapsed ${formatEta(p.elapsedMs)}  ETA ${eta === undefined ? '?' : formatEta(eta)}`;
  const room = max - p.label.length - tail.length - 4; // label, spaces and brackets
  if (room >= BAR_MIN) {
    const width = Math.min(BAR_MAX, room);
    const filled = Math.round(f * width);
    return `${p.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${tail}`;
  }
  const plain = `${p.label} ${tail}`;
  return plain.length <= max ? plain : `${plain.slice(0, max - 1)}…`;
}
