/** A one-line progress display on stderr, shown only when stderr is a terminal. */
export class Progress {
  readonly #enabled: boolean;
  #shown = false;

  constructor(quiet: boolean) {
    this.#enabled = !quiet && process.stderr.isTTY === true;
  }

  /** Replaces the progress line with `text`. */
  update(text: string): void {
    if (!this.#enabled) return;
    process.stderr.write(`\r\x1b[2K${text}`);
    this.#shown = true;
  }

  /** Clears the line. */
  done(): void {
    if (this.#shown) process.stderr.write('\r\x1b[2K');
    this.#shown = false;
  }
}
