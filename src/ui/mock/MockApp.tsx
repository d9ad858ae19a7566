/**
 * The interactive mock interview: one question at a time with a clock against its target and
 * against the interview's minutes, and no feedback until the end (the command prints it after the
 * view closes). Esc or Ctrl-D submits an answer; when the interview's time is up, the answer being
 * typed is the last.
 */
import { useEffect, useState } from 'react';
import { Box, Text, render, useApp, useInput } from '../ink.js';
import type { MockAnswer, MockTurn } from '../../drill/mock.js';

export interface MockAppProps {
  turns: MockTurn[];
  minutes: number;
  onDone: (answers: MockAnswer[]) => void;
  /** Injected clock, for tests. */
  now?: () => number;
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

export function MockApp({ turns, minutes, onDone, now = Date.now }: MockAppProps) {
  const { exit } = useApp();
  const [startedAt] = useState(now);
  const [turnStartedAt, setTurnStartedAt] = useState(now);
  const [index, setIndex] = useState(0);
  const [text, setText] = useState('');
  const [answers, setAnswers] = useState<MockAnswer[]>([]);
  const [tick, setTick] = useState(0);
  const [finished, setFinished] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!finished) return undefined;
    onDone(answers);
    const timer = setTimeout(() => exit(), 50);
    return () => clearTimeout(timer);
  }, [finished, answers, onDone, exit]);

  const elapsed = (now() - startedAt) / 1000;
  const timeUp = elapsed >= minutes * 60;
  const submit = () => {
    const turn = turns[index]!;
    const next = [...answers, { turn, answer: text.trim(), seconds: (now() - turnStartedAt) / 1000 }];
    setAnswers(next);
    setText('');
    setTurnStartedAt(now());
    if (index + 1 >= turns.length || timeUp) setFinished(true);
    else setIndex(index + 1);
  };
  useInput(
    (input, key) => {
      if (key.escape || (key.ctrl && input === 'd')) return submit();
      if (key.return) return setText((t) => `${t}\n`);
      if (key.backspace || key.delete) return setText((t) => t.slice(0, -1));
      if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
      setText((t) => t + input.replace(/\r\n?/g, '\n'));
    },
    { isActive: !finished },
  );

  void tick; // re-render every second for the clocks
  if (finished) return <Text>Interview over. Feedback follows.</Text>;
  const turn = turns[index]!;
  const onTurn = (now() - turnStartedAt) / 1000;
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  return (
    <Box flexDirection="column">
      <Text dimColor>
        Mock interview · question {index + 1} of {turns.length} · {clock(elapsed)} of {minutes}:00{timeUp ? ' · time is up: this answer is the last' : ''}
      </Text>
      <Text bold>{turn.followUp ? `Follow-up: ${turn.followUp}` : turn.question.title}</Text>
      {turn.followUp ? null : <Text>{turn.prompt}</Text>}
      <Text color={onTurn > turn.targetSeconds ? 'yellow' : 'green'}>
        {clock(onTurn)} on this answer · target {clock(turn.targetSeconds)}
      </Text>
      <Box flexDirection="column" borderStyle="round" paddingX={1}>
        <Text>
          {text}
          <Text inverse> </Text>
        </Text>
        <Text dimColor>{words} words · Enter new line · Esc or Ctrl-D submit · no feedback until the end</Text>
      </Box>
    </Box>
  );
}

export async function renderMock(props: Omit<MockAppProps, 'onDone'>): Promise<MockAnswer[]> {
  let answers: MockAnswer[] = [];
  const app = render(<MockApp {...props} onDone={(a) => (answers = a)} />);
  await app.waitUntilExit();
  return answers;
}
