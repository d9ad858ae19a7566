/** A pager through the lifecycle walkthrough: each step's text beside the real output of its lab stage. */
import { useState } from 'react';
import { Box, Text, render, useApp, useInput } from '../ink.js';

export interface PagerStep {
  title: string;
  phase: string;
  labStage: string;
  text: string;
  output: string;
  related: string[];
}

export function WalkthroughPager({ steps, start, sideBySide = true }: { steps: PagerStep[]; start: number; sideBySide?: boolean }) {
  const { exit } = useApp();
  const [index, setIndex] = useState(start);
  const [showRelated, setShowRelated] = useState(false);
  useInput((input, key) => {
    if (key.rightArrow || input === 'n' || input === ' ') setIndex((i) => Math.min(steps.length - 1, i + 1));
    else if (key.leftArrow || input === 'p') setIndex((i) => Math.max(0, i - 1));
    else if (input === 'd') setShowRelated((v) => !v);
    else if (input === 'q' || key.escape) exit();
  });
  const step = steps[index]!;
  return (
    <Box flexDirection="column">
      <Text dimColor>
        step {index + 1}/{steps.length} · {step.phase} · lab stage {step.labStage}
      </Text>
      <Text bold>{step.title}</Text>
      <Box flexDirection={sideBySide ? 'row' : 'column'} gap={sideBySide ? 2 : 0}>
        <Box flexDirection="column" width={sideBySide ? '55%' : '100%'}>
          <Text>{step.text}</Text>
        </Box>
        <Box flexDirection="column" width={sideBySide ? '45%' : '100%'} borderStyle="round" paddingX={1}>
          <Text bold>From your runs</Text>
          <Text>{step.output}</Text>
        </Box>
      </Box>
      {showRelated ? <Text color="cyan">Drill these: {step.related.length ? step.related.map((r) => `prep drill --topic ${r}`).join(' · ') : 'none listed'}</Text> : null}
      <Text dimColor>← → (or p / n) move · d related drill questions · q quit</Text>
    </Box>
  );
}

export async function renderWalkthrough(steps: PagerStep[], start: number, sideBySide: boolean): Promise<void> {
  const app = render(<WalkthroughPager steps={steps} start={start} sideBySide={sideBySide} />);
  await app.waitUntilExit();
}
