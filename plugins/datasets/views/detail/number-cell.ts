export { isNumericType } from '../../services/sql/present-value';

const PLAIN = /^(-?)(\d+)(\.\d+)?$/;

/**
 * A number as the console shows it: the integer part grouped by thousands with commas, the fraction
 * kept digit for digit (a bigint or numeric beyond a double arrives as text and stays exact). What is
 * not a plain decimal (NaN, Infinity, 1e+21) is shown as it came.
 *
 * @example
 * formatNumber(1234567.25); // '1,234,567.25'
 * formatNumber('-98765432109876543210'); // '-98,765,432,109,876,543,210'
 */
export function formatNumber(value: number | string): string {
  const text = String(value);
  const m = PLAIN.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}
