/**
 * Formats a number for CSV, locale-free and stable: integers in full, other values
 * rounded to 12 significant digits (which hides float noise such as 0.30000000000000004),
 * NaN as an empty cell, infinities as `inf` / `-inf`.
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
  const rounded = Number(n.toPrecision(12));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
