/**
 * The live view of `prep lab churn`: each stage with a spinner while it runs and its time and
 * one-line summary when done, then the summary with terminal plots (ROC curve, SHAP bars,
 * confusion matrix). The lab itself runs outside React; this only listens to its events.
 */
import { useEffect, useState } from 'react';
import { Box, Spinner, Text, render } from '../ink.js';
import { stageNames, stageTitles, type ChurnLabEvent, type ChurnLabResult, type StageName } from '../../labs/churn/types.js';
import { costModelLine, leakWarning, leakageLines, dataLabel, readableStageDetail } from './churn-report.js';
import { formatCount } from '../number-format.js';
import { barLines, confusionLines, rocPlot } from './plots.js';
import { churnStatisticsLines } from './churn-statistics-text.js';

interface StageState {
  status: 'waiting' | 'running' | 'done';
  ms?: number;
  summary?: string;
  detail?: string;
}

export type LabRunner = (onEvent: (e: ChurnLabEvent) => void) => Promise<ChurnLabResult>;

export function StageList({ stages }: { stages: Record<StageName, StageState> }) {
  return (
    <Box flexDirection="column">
      {stageNames.map((name) => {
        const s = stages[name];
        return (
          <Box key={name}>
            <Box width={3} flexShrink={0}>{s.status === 'running' ? <Spinner /> : <Text color={s.status === 'done' ? 'green' : 'gray'}>{s.status === 'done' ? '✓' : '·'}</Text>}</Box>
            <Box width={44} flexShrink={0}>
              <Text dimColor={s.status === 'waiting'} wrap="truncate-end">
                {stageTitles[name]}
              </Text>
            </Box>
            <Box width={9} flexShrink={0} justifyContent="flex-end">
              <Text dimColor>{s.ms !== undefined ? `${Math.round(s.ms)} ms` : ''}</Text>
            </Box>
            <Text color="cyan" wrap="truncate-end">
              {' '}
              {s.status === 'running' ? readableStageDetail(s.detail ?? '') : (s.summary ?? '')}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}

export function ChurnSummary({ result }: { result: ChurnLabResult }) {
  const r = result;
  const f3 = (v: number) => v.toFixed(3);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>
        Churn lab on {dataLabel(r)}: run {r.runId}
      </Text>
      <Text>
        CV ROC-AUC: logistic regression {f3(r.cv.models.logistic_regression.auc.mean)}, random forest {f3(r.cv.models.random_forest.auc.mean)}, gradient boosting{' '}
        {f3(r.cv.models.gradient_boosting.auc.mean)}
      </Text>
      {leakageLines(r).map((line) => (
        <Text key={line} color="yellow">
          ! {line}
        </Text>
      ))}
      <Text color="red">! {leakWarning(r)}</Text>
      {/* side by side when the terminal is wide enough, the matrix under the curve otherwise */}
      <Box marginTop={1} flexWrap="wrap">
        <Box flexDirection="column" marginRight={4} marginBottom={1}>
          <Text bold>
            ROC curve, test ({r.test.model}, AUC {f3(r.test.auc)})
          </Text>
          <Text>{rocPlot(r.test.roc, { color: true })}</Text>
        </Box>
        <Box flexDirection="column">
          <Text bold>Confusion matrix at threshold {r.test.threshold.toFixed(2)}</Text>
          {confusionLines(r.test.confusion).map((l, i) => (
            <Text key={i}>{l}</Text>
          ))}
          <Text> </Text>
          <Text>
            precision {f3(r.test.precision)} recall {f3(r.test.recall)} f1 {f3(r.test.f1)}
          </Text>
          <Text dimColor>
            at 0.5: precision {f3(r.test.default.precision)} recall {f3(r.test.default.recall)}
          </Text>
          <Text dimColor>
            net value {formatCount(r.threshold.netValue)} vs {formatCount(r.threshold.netValueDefault)} at 0.5
          </Text>
        </Box>
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <Text bold>Mean |SHAP| ({r.explain.method}; additivity error {r.explain.additivityMaxError.toExponential(1)})</Text>
        {barLines(r.explain.global.slice(0, 10).map((g) => ({ label: g.feature, value: g.meanAbsShap }))).map((l, i) => (
          <Text key={i} color="blue">
            {l}
          </Text>
        ))}
      </Box>
      <Box flexDirection="column" marginBottom={1}>
        {churnStatisticsLines(r).map((l, i) => (
          <Text key={i}>{l}</Text>
        ))}
      </Box>
      <Text dimColor>
        Every figure is in the run store: prep runs show {r.runId} · prep explain test.recall
      </Text>
      <Text dimColor>{costModelLine(r.threshold)}</Text>
    </Box>
  );
}

function initialStages(): Record<StageName, StageState> {
  return Object.fromEntries(stageNames.map((s) => [s, { status: 'waiting' }])) as Record<StageName, StageState>;
}

export function ChurnLabLive({ runner, onDone }: { runner: LabRunner; onDone: (result: ChurnLabResult | Error) => void }) {
  const [stages, setStages] = useState(initialStages);
  const [result, setResult] = useState<ChurnLabResult>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    let cancelled = false;
    runner((e) => {
      if (cancelled) return;
      setStages((prev) => {
        const next = { ...prev };
        if (e.type === 'stage-start') next[e.stage] = { status: 'running' };
        else if (e.type === 'stage-progress') next[e.stage] = { ...prev[e.stage], detail: e.detail };
        else next[e.stage] = { status: 'done', ms: e.ms, summary: e.summary };
        return next;
      });
    }).then(
      (r) => {
        if (cancelled) return;
        setResult(r);
        onDone(r);
      },
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        setError(e);
        onDone(e);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <Box flexDirection="column">
      <StageList stages={stages} />
      {error ? <Text color="red">stopped: {error.message}</Text> : null}
      {result ? <ChurnSummary result={result} /> : null}
    </Box>
  );
}

/** Renders the live view until the run ends; resolves with the result or rejects with its error. */
export async function renderChurnLabLive(runner: LabRunner): Promise<ChurnLabResult> {
  let outcome: ChurnLabResult | Error | undefined;
  const app = render(<ChurnLabLive runner={runner} onDone={(o) => (outcome = o)} />);
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (outcome !== undefined) {
        clearInterval(check);
        resolve();
      }
    }, 20);
  });
  // one more tick so the final frame (summary) is drawn before unmounting
  await new Promise((r) => setTimeout(r, 50));
  app.unmount();
  await app.waitUntilExit();
  // Ink leaves the cursor at the end of the last frame's last line: end it, so the shell prompt
  // (or the next line printed) starts on a line of its own
  process.stdout.write('\n');
  if (outcome instanceof Error) throw outcome;
  return outcome!;
}
