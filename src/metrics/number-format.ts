/**
 * Formats a number for CSV, locale-free and stable: integers in full, other values
 * rounded to 12 significant digits (which hides float noise such as 0.30000000000000004),
 * NaN as an empty cell, infinities as `inf` / `-inf`.
 */
export function formatNumber(n: number): string {
  // Safe integers print in full (String(-0) is '0'); NaN and infinities fail the test.
  if ((n | 0) === n || Number.isSafeInteger(n)) return String(n);
  if (Number.isNaN(n)) return '';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n); // exact digits past 2^53
  const millis = thousandths(n);
  if (millis !== undefined) return millis;
  const quick = rounded12(n);
  if (quick !== undefined) return String(quick);
  const rounded = Number(n.toPrecision(12));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** `.001` ... `.999` without trailing zeros, by thousandths (index 0: nothing). */
const FRACTIONS: readonly string[] = Array.from({ length: 1000 }, (_, i) => (i === 0 ? '' : `.${String(i).padStart(3, '0').replace(/0+$/, '')}`));

/**
 * The text of a non-integer that is a whole number of thousandths (times in seconds made
 * from milliseconds, the commonest numbers of the tables), |n| < 1e9, from its integer
 * parts; undefined for any other number. Such an n is the double nearest the decimal m/1000
 * (m whole, fewer than 13 digits): rounding it to 12 digits gives that decimal back, and
 * its shortest form is that decimal, so this is what the long way prints.
 */
function thousandths(n: number): string | undefined {
  const m = Math.round(n * 1000);
  if (m / 1000 !== n || !(Math.abs(m) < 1e12)) return undefined;
  const a = Math.abs(m);
  const whole = Math.floor(a / 1000);
  const text = String(whole) + FRACTIONS[a - whole * 1000]!;
  return m < 0 ? `-${text}` : text;
}

/** 10^0 ... 10^22, each exact in a double. */
const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * `Number(n.toPrecision(12))` without the string round trip, for a non-integer with
 * 1e-4 <= |n| < 1e12: n scaled to 12 digits before the point by an exact power of ten
 * (the product is within 2.5e-4 of the exact value), rounded, and divided back (a single
 * correctly rounded division of exact operands: the double nearest the 12-digit decimal,
 * which is what parsing it gives). Undefined when the scaled value is within 1e-3 of a
 * rounding tie (the exact value decides there) or out of range: the caller takes the long way.
 */
function rounded12(n: number): number | undefined {
  const a = Math.abs(n);
  if (!(a >= 1e-4 && a < 1e12)) return undefined;
  let e = Math.floor(Math.log10(a));
  let scaled = a * POW10[11 - e]!;
  if (scaled < 1e11) scaled = a * POW10[11 - --e]!;
  else if (scaled >= 1e12) {
    if (e === 11) return undefined;
    scaled = a * POW10[11 - ++e]!;
  }
  if (!(scaled >= 1e11 && scaled < 1e12 - 1)) return undefined;
  const floor = Math.floor(scaled);
  const frac = scaled - floor;
  if (Math.abs(frac - 0.5) < 1e-3) return undefined;
  const m = frac > 0.5 ? floor + 1 : floor;
  const v = m / POW10[11 - e]!;
  return n < 0 ? -v : v;
}

const READABLE = new Map<number, Intl.NumberFormat>();

/**
 * A number for people (the terminal, the report), not for CSV: `digits` significant digits
 * with thousands separators, always in the en-US style whatever the machine's locale
 * (8,639,700,000; 1,372.8; 0.00023712); below 1e-6 in exponent form (1.2346e-7); NaN as
 * an empty string, infinities as `inf` and `-inf`.
 */
export function formatReadable(n: number, digits = 5): string {
  if (Number.isNaN(n)) return '';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return '0';
  if (Math.abs(n) < 1e-6) return n.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  let f = READABLE.get(digits);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits });
    READABLE.set(digits, f);
  }
  return f.format(n);
}
