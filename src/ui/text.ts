/**
 * Plain-text output helpers for commands that print results (no Ink here): colour that honours
 * NO_COLOR and non-TTY output, aligned tables, number formatting, and a progress bar on stderr.
 */
import { stripAnsi } from '../content/render.js';
import { colorEnabled } from '../env.js';
import { sanitizeForTerminal } from '../terminal-text.js';

const codes = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
export type Style = keyof typeof codes;

export function style(name: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  if (!colorEnabled(stream)) return text;
  const [open, close] = codes[name];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return Math.abs(value) >= 1000 ? value.toFixed(2) : String(Number(value.toPrecision(6)));
  }
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  return String(value);
}

/**
 * Cuts text to `width` characters with "…", at a word boundary when one falls in the last
 * third (so "REGENCY TEA PLATE GREEN" becomes "REGENCY TEA PLATE…", not "REGENCY TEA PLATE GR…").
 */
export function clipText(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  const cut = text.slice(0, width - 1);
  if (text[width - 1] === ' ') return `${cut.trimEnd()}…`; // the cut falls between words
  const space = cut.lastIndexOf(' ');
  return `${(space >= Math.ceil((2 * (width - 1)) / 3) ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Pads columns to their widest cell; numbers are right-aligned. On a terminal the table fits its
 * width (`width`, default the terminal's): cells longer than `maxWidth` are clipped, then the
 * widest text columns, with "…" at a word boundary. Piped output (no width) is never clipped,
 * so a log or a file keeps every formula and input.
 */
export function renderTable(columns: string[], rows: unknown[][], options: { maxWidth?: number; width?: number } = {}): string {
  const fit = options.width ?? (process.stdout.isTTY ? process.stdout.columns : undefined);
  const maxWidth = fit ? (options.maxWidth ?? 60) : Infinity;
  const clip = (s: string, width = maxWidth) => clipText(s, width);
  let cells = rows.map((row) => row.map((v) => clip(sanitizeForTerminal(formatValue(v).replace(/[\r\n\t]/g, ' ')))));
  columns = columns.map((c) => sanitizeForTerminal(c.replace(/[\r\n\t]/g, ' ')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]?.length ?? 0)));
  // numbers, and figures already formatted as text ("0.849 ± 0.005", "26.5%", "-" for none)
  const numberLike = (v: unknown) => v === null || v === undefined || typeof v === 'number' || (typeof v === 'string' && /^(-|[-+]?[\d,]*\.?\d+(e[-+]?\d+)?%?( ± [\d.]+)?)$/.test(v));
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => numberLike(r[i])));
  if (fit) {
    const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
    // numbers are never clipped; a text column keeps at least 8 characters
    for (let over = total() - fit; over > 0; over--) {
      const widest = widths.reduce((best, w, i) => (!numeric[i] && w > 8 && (best < 0 || w > widths[best]!) ? i : best), -1);
      if (widest < 0) break;
      widths[widest]!--;
    }
    cells = cells.map((r) => r.map((c, i) => clip(c, widths[i]!)));
  }
  const line = (values: string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [style('bold', line(columns.map((c, i) => clip(c, widths[i]!)))), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n');
}

/**
 * Word-wraps the lines of `text` that are longer than the terminal (`width`, default the
 * terminal's; piped output is left alone), keeping a line's indent on its continuations.
 * Tables and plots already fit, so only prose is touched.
 */
export function wrapForTerminal(text: string, width = process.stdout.isTTY ? process.stdout.columns : undefined): string {
  if (!width) return text;
  return text
    .split('\n')
    .map((line) => {
      // tables (columns two spaces apart) are fitted by renderTable, not wrapped
      if (stripAnsi(line).length <= width || /\S {2,}\S/.test(line.trim())) return line;
      const indent = /^\s*/.exec(line)![0];
      const out: string[] = [];
      let current = '';
      for (const word of line.slice(indent.length).split(' ')) {
        const candidate = current ? `${current} ${word}` : word;
        if (current && indent.length + stripAnsi(candidate).length > width) {
          out.push(indent + current);
          current = word;
        } else current = candidate;
      }
      out.push(indent + current);
      return out.join('\n');
    })
    .join('\n');
}

/**
 * Progress of a long command, always on stderr so stdout stays clean for `--json` and pipes.
 * When stderr is a terminal: a one-line bar redrawn in place. Otherwise, when stdout is not a
 * terminal either (piped, CI): one line per phase as it starts, with the time so far, so a log
 * shows where the run is instead of nothing until the end.
 */
export function progressBar(
  label: string,
  options: { stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>; stdoutIsTTY?: boolean; now?: () => number } = {},
): { update(phase: string, fraction: number): void; done(message?: string): void } {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const live = Boolean(stream.isTTY);
  const lines = !live && !(options.stdoutIsTTY ?? process.stdout.isTTY);
  let last = -1;
  let lastPhase: string | undefined;
  const start = now();
  return {
    update(phase, fraction) {
      if (lines && phase !== lastPhase) {
        lastPhase = phase;
        stream.write(`${label}: ${phase} (${Math.round(Math.max(0, Math.min(1, fraction)) * 100)}%, ${((now() - start) / 1000).toFixed(1)} s)\n`);
      }
      if (!live) return;
      const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${phase}\u001b[K`);
    },
    done(message) {
      if (live) stream.write('\r\u001b[K');
      if (message) stream.write(`${message} (${((now() - start) / 1000).toFixed(1)} s)\n`);
    },
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
