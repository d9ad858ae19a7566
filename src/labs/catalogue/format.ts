/** How the catalogue's sentences show figures: the same rounding everywhere, so every line checks. */
export const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
export const dec = (v: number, digits = 3): string => v.toFixed(digits);
export const int = (v: number): string => Math.round(v).toLocaleString('en');
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
/** A money amount with separators; the currency symbol when the dataset has one. */
export const money = (v: number, currency = ''): string => `${v < 0 ? '−' : ''}${currency}${Math.abs(v).toLocaleString('en', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 })}`;
/** "a" or "an" by sound: "an accuracy", "an F1", "an ROC-AUC", "a PR-AUC", "a recall", "a unit". */
export const article = (word: string): string => {
  if (/^[FHLMNRSX](?:[A-Z0-9-]|$)/.test(word)) return 'an';
  return /^[aeiou]/i.test(word) && !/^(?:uni|use|usu|eu|one)/i.test(word) ? 'an' : 'a';
};
