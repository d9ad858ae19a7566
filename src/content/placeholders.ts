/** Figures in content are placeholders bound to metric keys of the user's runs: {{lab.key}}. */
export const placeholderPattern = /\{\{\s*([a-z]+)\.([A-Za-z0-9_.]+)\s*\}\}/g;

export interface ResolvedFigure {
  value: number;
  runId: string;
  unit: string | null;
}

/** Fills {{lab.key}} from the user's runs, with the run id, or says which lab to run. */
export function renderPlaceholders(text: string, resolve: (lab: string, key: string) => ResolvedFigure | undefined): string {
  return text.replace(placeholderPattern, (_, lab: string, key: string) => {
    const figure = resolve(lab, key);
    if (!figure) return `[run \`prep lab ${lab}\` to fill this in]`;
    const v = figure.value;
    const shown = Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : figure.unit === 'ms' ? `${v.toFixed(2)} ms` : figure.unit === 'ratio' ? (Math.abs(v) <= 1 && /share|rate|recall|precision|accuracy|f1|retention|power/i.test(key) ? `${(100 * v).toFixed(1)}%` : v.toFixed(3)) : Number.isInteger(v) ? v.toLocaleString('en') : Number(v.toPrecision(4)).toLocaleString('en');
    return `${shown} (run ${figure.runId})`;
  });
}
