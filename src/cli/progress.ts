import { performance } from 'node:perf_hooks';
import { progressLine } from './progress-line.js';

/** Where the line is drawn: stderr, or a stand-in in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): boolean;
}

export interface ProgressOptions {
  readonly quiet: boolean;
  /** Default process.stderr. */
  readonly stream?: ProgressStream;
  /** Wall clock in ms (default performance.now); the model never sees it. */
  readonly now?: () => number;
  /** Redraw at least this often, so elapsed time moves while nothing reports (default 1000 ms). */
  readonly tickMs?: number;
}

/** Redraws closer together than this are skipped (except the first and the last). */
const MIN_REDRAW_MS = 100;

/**
 * A one-line progress display on stderr: `label [bar] 40%  detail  elapsed 12s  ETA 18s`,
 * drawn as soon as it starts and redrawn every second (while the event loop is free) and
 * on each update, never wider than the terminal (so it never wraps into a stale second
 * line). Silent when stderr is not a terminal or with --quiet. The wall clock lives here,
 * in the CLI: the model only reports how far it has got.
 */
export class Progress {
  readonly #enabled: boolean;
  readonly #stream: ProgressStream;
  readonly #now: () => number;
  readonly #tickMs: number;
  #label = '';
  #fraction = 0;
  #detail = '';
  #t0 = 0;
  #lastDraw = -Infinity;
  #timer: ReturnType<typeof setInterval> | undefined;
  #shown = false;

  constructor(options: ProgressOptions) {
    this.#stream = options.stream ?? process.stderr;
    this.#enabled = !options.quiet && this.#stream.isTTY === true;
    this.#now = options.now ?? (() => performance.now());
    this.#tickMs = options.tickMs ?? 1000;
  }

  /** True when it draws anything (a terminal, and not --quiet). */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** Starts the clock and draws the line at once (0%). */
  start(label: string, detail: string): void {
    if (!this.#enabled) return;
    this.#label = label;
    this.#detail = detail;
    this.#fraction = 0;
    this.#t0 = this.#now();
    this.#draw();
    this.#timer = setInterval(() => this.#draw(), this.#tickMs);
    this.#timer.unref();
  }

  /** Records how far it has got (0 to 1) and redraws, at most every 100 ms unless `force`. */
  update(fraction: number, detail: string, force = false): void {
    if (!this.#enabled) return;
    this.#fraction = fraction;
    this.#detail = detail;
    if (force || this.#now() - this.#lastDraw >= MIN_REDRAW_MS) this.#draw();
  }

  /** Stops the clock and clears the line. */
  done(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#shown) this.#stream.write('\r\x1b[2K');
    this.#shown = false;
  }

  #draw(): void {
    const now = this.#now();
    this.#lastDraw = now;
    const line = progressLine({ label: this.#label, fraction: this.#fraction, detail: this.#detail, elapsedMs: now - this.#t0 }, this.#stream.columns ?? 80);
    this.#stream.write(`\r\x1b[2K${line}`);
    this.#shown = true;
  }
}
