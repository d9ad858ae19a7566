/**
 * `prep runs diff A B --report FILE`: two runs side by side as a self-contained HTML page, the
 * way MLflow's run comparison shows them: what differs in the parameters, then every metric
 * with both values and the change, grouped by stage, and a chart of the largest changes among
 * the ratio metrics (AUC, recall, shares), where differences are comparable.
 */
import { formatMoney, formatNumber, formatSigned } from './number-format.js';
import { renderHtmlReport, type CellValue, type ReportSection } from './report-html.js';

export interface DiffRun {
  id: string;
  lab: string;
  datasetName: string | null;
  /** What the dataset is (IBM's fictional sample, a retraining batch...). */
  datasetLabel?: string;
  seed: number | null;
  startedAt: string;
  status: string;
}

export interface RunsDiffInput {
  a: DiffRun;
  b: DiffRun;
  params: { key: string; a: unknown; b: unknown }[];
  metrics: { key: string; a: number | null; b: number | null; delta: number | null }[];
  /** Each metric's unit (ratio, currency, rows, ms...), from the runs' records. */
  units: Record<string, string | null>;
  currency?: string;
  /** List unchanged metrics too (`--all`). */
  all?: boolean;
}

/** A metric's value in its unit: ratios at three decimals (or four when the change is small), money with the currency. */
export function metricFormatter(unit: string | null | undefined, currency?: string): (v: number) => string {
  const plain = unitFormatter(unit, currency);
  // a tiny non-zero value or change (an additivity error, a change in the fifth decimal) is not shown as 0.0000
  return (v) => (v !== 0 && Math.abs(v) < 0.00005 && unit !== 'currency' ? v.toExponential(1) : plain(v));
}

function unitFormatter(unit: string | null | undefined, currency?: string): (v: number) => string {
  switch (unit) {
    case 'ratio':
    case 'probability':
      return (v) => formatNumber(v, 4);
    case 'currency':
      return (v) => formatMoney(v, currency, 2);
    case 'rows':
    case 'count':
    case 'columns':
    case 'features':
      return (v) => formatNumber(v, 0);
    case 'ms':
      return (v) => formatNumber(v, 1);
    default:
      return (v) => (Number.isInteger(v) ? formatNumber(v, 0) : formatNumber(v, Math.abs(v) >= 100 ? 2 : 4));
  }
}

const show = (v: unknown) => (v === undefined ? '(not set)' : typeof v === 'string' ? v : JSON.stringify(v));

export function renderRunsDiffHtml(input: RunsDiffInput): string {
  const { a, b } = input;
  const listed = input.metrics.filter((m) => input.all || m.delta !== 0);
  const unchanged = input.metrics.length - listed.length;
  const byStage = new Map<string, typeof listed>();
  for (const m of listed) {
    const stage = m.key.split('.')[0]!;
    byStage.set(stage, [...(byStage.get(stage) ?? []), m]);
  }
  const ratioChanges = listed
    .filter((m) => m.delta !== null && m.delta !== 0 && input.units[m.key] === 'ratio')
    .sort((x, y) => Math.abs(y.delta!) - Math.abs(x.delta!) || x.key.localeCompare(y.key))
    .slice(0, 15);
  const runRow = (r: DiffRun): CellValue[] => [r.id, r.lab, `${r.datasetName ?? '–'}${r.datasetLabel ? ` (${r.datasetLabel})` : ''}`, r.seed === null ? '–' : String(r.seed), r.startedAt.replace('T', ' ').slice(0, 19), r.status];
  const sections: ReportSection[] = [
    {
      heading: 'Runs',
      paragraphs: [a.datasetName !== b.datasetName ? `!The runs use different datasets (${a.datasetName} and ${b.datasetName}): their test figures come from different customers, so a change is not a like-for-like gain.` : `Both runs use the dataset ${a.datasetName ?? '–'}.`],
      tables: [
        { caption: 'The two runs', columns: ['', 'id', 'lab', 'dataset', 'seed', 'started', 'status'], rowHeaders: true, rows: [['A', ...runRow(a)], ['B', ...runRow(b)]] },
        ...(input.params.length ? [{ caption: 'Parameters that differ', columns: ['parameter', 'A', 'B'], rowHeaders: true, rows: input.params.map((p) => [p.key, show(p.a), show(p.b)]) }] : []),
      ],
    },
    ...(ratioChanges.length
      ? [
          {
            heading: 'Largest changes among ratio metrics',
            charts: [
              {
                kind: 'bar' as const,
                title: 'B − A for the ratio metrics that changed most',
                description: 'Change from run A to run B in metrics measured as ratios (AUC, recall, precision, shares); positive bars mean B is higher.',
                bars: ratioChanges.map((m) => ({ label: m.key, value: m.delta! })),
                format: (v: number) => formatSigned(v, (x) => formatNumber(x, 4)),
                valueLabel: 'B − A',
              },
            ],
          },
        ]
      : []),
    ...[...byStage.entries()].map(([stage, metrics]) => ({
      heading: `Metrics: ${stage}`,
      tables: [
        {
          caption: `${stage}.* metrics${input.all ? '' : ' that differ'}`,
          columns: ['metric', 'A', 'B', 'B − A'],
          rowHeaders: true,
          rows: metrics.map((m): CellValue[] => {
            const f = metricFormatter(input.units[m.key], input.currency);
            return [{ text: m.key, wrap: true }, m.a === null ? '–' : f(m.a), m.b === null ? '–' : f(m.b), m.delta === null ? 'only in one run' : { text: formatSigned(m.delta, f), numeric: true, strong: m.delta !== 0 }];
          }),
        },
      ],
    })),
  ];
  if (listed.length === 0) sections.push({ heading: 'Metrics', paragraphs: ['No metric differs between the two runs.'] });
  return renderHtmlReport({
    title: 'Run comparison',
    subtitle: `A ${a.id} · B ${b.id}`,
    sections,
    footer: [
      `${listed.length} metric(s) listed${unchanged ? `, ${unchanged} identical ones left out (\`--all\` lists them)` : ''}. Formulas and inputs: \`prep runs show ${a.id}\`, \`prep runs show ${b.id}\`.`,
      ...[...new Set([a.datasetLabel, b.datasetLabel].filter(Boolean))].map((l) => `Data: ${l}.`),
    ],
  });
}
