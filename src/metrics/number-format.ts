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
  // The shortest form that reads back as n: when it has at most 12 significant digits it is
  // already what rounding to 12 would print (n's exact value is within half an ulp of it).
  const shortest = String(n);
  if (shortest.length <= 14 && !shortest.includes('e') && significantDigits(shortest) <= 12) return shortest;
  const rounded = Number(n.toPrecision(12));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Significant digits of a plain decimal string (no exponent): leading zeros do not count. */
function significantDigits(s: string): number {
  let count = 0;
  let leading = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) continue; // '-', '.'
    if (leading && c === 48) continue;
    leading = false;
    count++;
  }
  return count;
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
