/**
 * Whole-number options, checked as typed: `--seed abc` is refused naming `abc` (yargs'
 * own number type would turn it into NaN first). Used as yargs `coerce` functions, whose
 * errors yargs reports as usage errors (exit status 2).
 */

/**
 * `text` (what followed `flag` on the command line) as an integer from `min` to `max`.
 * @throws Error `--flag TEXT: expected ...` when it is not one (a fraction, `1e3`, `0x10`,
 *   empty), is out of range, or the option was given more than once
 */
export function wholeNumberOption(flag: string, text: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  if (Array.isArray(text)) throw new Error(`${flag} was given ${text.length} times (${text.map(String).join(', ')}): give it once`);
  const typed = String(text);
  if (!/^\s*\d+\s*$/.test(typed)) throw new Error(`${flag} ${JSON.stringify(typed)}: expected ${range}`);
  const n = Number(typed);
  if (n < min || n > max) throw new Error(`${flag} ${typed.trim()}: expected ${range}`);
  return n;
}

/** A yargs `coerce` function for `wholeNumberOption`. */
export function wholeNumber(flag: string, min: number, max?: number): (text: unknown) => number {
  return (text) => wholeNumberOption(flag, text, min, max);
}
