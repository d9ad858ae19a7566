/**
 * Numbers formatted for people, the same way in every report: thousands separators, the
 * dataset's currency, percentages at one precision, ratios at three decimals. Reports pick a
 * formatter per column so a column never mixes precisions.
 */

/** ISO 4217 code → symbol, for the currencies the bundled datasets use. */
const currencySymbols: Record<string, string> = { GBP: '£', USD: '$', EUR: '€' };

/** 8911407.9 → "8,911,408"; with `decimals` → "8,911,407.90". */
export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A count: 7043 → "7,043". */
export const formatCount = (value: number) => formatNumber(Math.round(value));

/**
 * Money in the dataset's currency (ISO code), or a plain number when it is unknown:
 * formatMoney(4546.36, 'GBP') → "£4,546.36"; formatMoney(-1800, 'USD', 0) → "−$1,800".
 */
export function formatMoney(value: number, currency?: string, decimals = 2): string {
  const symbol = currency ? (currencySymbols[currency] ?? `${currency} `) : '';
  const sign = value < 0 ? '−' : '';
  return `${sign}${symbol}${formatNumber(Math.abs(value), decimals)}`;
}

/** A share as a percentage: 0.2653 → "26.5%" (one decimal everywhere unless asked). */
export function formatPercent(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return '–';
  return `${(100 * value).toFixed(decimals)}%`;
}

/** A ratio or score in [0, 1] (AUC, precision, silhouette): three decimals, always. */
export function formatRatio(value: number, decimals = 3): string {
  if (!Number.isFinite(value)) return '–';
  return value.toFixed(decimals);
}

/** A signed change: +0.012, −0.034 (a real minus sign, so it lines up with the plus). */
export function formatSigned(value: number, format: (v: number) => string): string {
  if (value === 0) return format(0);
  return `${value > 0 ? '+' : '−'}${format(Math.abs(value))}`;
}

/**
 * Decimals for a column of plain numbers, so every row shows the same precision: integers get
 * none; values under 1 get three; under 100, two; otherwise one.
 */
export function columnDecimals(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.every(Number.isInteger)) return 0;
  const max = Math.max(...finite.map(Math.abs));
  return max < 1 ? 3 : max < 100 ? 2 : 1;
}
