/**
 * The interactive drill: question, a multi-line answer editor, feedback that shows its workings,
 * the model answer, then a rating (1-4) committed at once. u undoes the last rating, s skips,
 * q quits with a session summary. After the last card the summary waits for q, so u still works.
 */
import { useEffect, useState } from 'react';
import { Box, Text, render, useApp, useInput } from '../ink.js';
import type { Question } from '../../content/questions.js';
import { renderMarkdownToAnsi } from '../../content/render.js';
import type { RunStore } from '../../data/runs.js';
import type { StateDb } from '../../data/state.js';
import { analyseAnswer, feedbackLines, type AnswerFeedback } from '../../drill/feedback.js';
import { rate, ratingNames, undoLast, type RatingValue } from '../../drill/scheduler.js';
import { modelAnswer } from '../../drill/session.js';

export interface DrillAppProps {
  queue: Question[];
  db: StateDb;
  store: RunStore;
  /** Renders a question's model answer (async: the markdown renderer loads on first use, after the first frame). */
  renderAnswer: (question: Question) => Promise<string>;
}

export function AnswerEditor({ onSubmit }: { onSubmit: (text: string) => void }) {
  const [text, setText] = useState('');
  useInput((input, key) => {
    if (key.escape || (key.ctrl && input === 'd')) return onSubmit(text);
    if (key.return) return setText((t) => `${t}\n`);
    if (key.backspace || key.delete) return setText((t) => t.slice(0, -1));
    if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
    setText((t) => t + input.replace(/\r\n?/g, '\n'));
  });
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text>{text}<Text inverse> </Text></Text>
      <Text dimColor>{words} words · Enter new line · Esc or Ctrl-D submit</Text>
      {/* letters are answer text here, so the review keys (s, q) are named as the next step */}
      <Text dimColor>An empty answer just reveals the model answer. After submitting: 1-4 rate, s skip, q quit.</Text>
    </Box>
  );
}

export function FeedbackView({ feedback, question }: { feedback: AnswerFeedback | undefined; question: Question }) {
  if (!feedback) return <Text dimColor>No answer typed: think, then compare with the model answer.</Text>;
  return (
    <Box flexDirection="column">
      <Text bold>Feedback</Text>
      {feedbackLines(feedback, question.kind).map((line, i) => (
        <Text key={i} color={line.startsWith('✓') ? 'green' : line.startsWith('✗') || line.startsWith('!') ? 'yellow' : undefined}>
          {line}
        </Text>
      ))}
    </Box>
  );
}

export function RatingBar({ message }: { message?: string }) {
  return (
    <Box flexDirection="column">
      {message ? <Text color="cyan">{message}</Text> : null}
      <Text>
        <Text bold>1</Text> Again  <Text bold>2</Text> Hard  <Text bold>3</Text> Good  <Text bold>4</Text> Easy   <Text dimColor>u undo · s skip · q quit</Text>
      </Text>
    </Box>
  );
}

export function DrillApp({ queue, db, store, renderAnswer }: DrillAppProps) {
  const { exit } = useApp();
  const [index, setIndex] = useState(0);
  // finished: the queue is through and the summary waits, so the last rating can still be undone
  const [phase, setPhase] = useState<'answer' | 'review' | 'finished' | 'done'>('answer');
  const [answer, setAnswer] = useState('');
  const [feedback, setFeedback] = useState<AnswerFeedback | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [ratings, setRatings] = useState<{ id: string; rating: RatingValue }[]>([]);
  const question = queue[index];
  const [rendered, setRendered] = useState<{ id: string; text: string } | undefined>();
  useEffect(() => {
    if (!question) return;
    let live = true;
    void renderAnswer(question).then((text) => live && setRendered({ id: question.id, text }));
    return () => {
      live = false;
    };
  }, [question, renderAnswer]);

  useEffect(() => {
    if (phase === 'done') {
      const timer = setTimeout(() => exit(), 50);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [phase, exit]);

  const advance = () => {
    setMessage(undefined);
    setFeedback(undefined);
    setAnswer('');
    if (index + 1 >= queue.length) setPhase('finished');
    else {
      setIndex(index + 1);
      setPhase('answer');
    }
  };

  // only this session's ratings: an earlier session's are not the user's "last rating" here
  const undo = () => {
    if (ratings.length === 0) return setMessage('Nothing to undo in this session');
    const undone = undoLast(db);
    if (undone) setRatings((r) => r.slice(0, -1));
    setMessage(undone ? `Undid ${ratingNames[undone.rating as RatingValue]} on "${undone.questionId}"` : 'Nothing to undo');
  };

  useInput(
    (input, key) => {
      if (phase === 'finished') {
        if (input === 'u') undo();
        else if (input === 'q' || key.return || key.escape) setPhase('done');
        return;
      }
      if (phase !== 'review' || !question) return;
      if (['1', '2', '3', '4'].includes(input)) {
        const rating = Number(input) as RatingValue;
        rate(db, { questionId: question.id, rating, answer, feedback: feedback?.summary ?? [] });
        setRatings((r) => [...r, { id: question.id, rating }]);
        advance();
      } else if (input === 's') advance();
      else if (input === 'u') undo();
      else if (input === 'q') setPhase('done');
    },
    { isActive: phase !== 'answer' },
  );

  if (phase === 'done' || phase === 'finished' || !question) {
    const counts = ([1, 2, 3, 4] as RatingValue[]).map((r) => `${ratingNames[r]} ${ratings.filter((x) => x.rating === r).length}`).join(' · ');
    return (
      <Box flexDirection="column">
        <Text bold>Session summary</Text>
        <Text>{ratings.length} rated ({counts}). Every rating is saved; `prep stats` shows what is due.</Text>
        {phase === 'finished' ? (
          <>
            {message ? <Text color="cyan">{message}</Text> : null}
            <Text dimColor>u undo the last rating · q or Enter quit</Text>
          </>
        ) : null}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text dimColor>
        [{index + 1}/{queue.length}] {question.kind} · {question.difficulty} · about {question.targetSeconds} s spoken
      </Text>
      <Text bold>{question.title}</Text>
      <Text>{question.sections.Question}</Text>
      {phase === 'answer' ? (
        <AnswerEditor
          onSubmit={(text) => {
            setAnswer(text);
            setFeedback(text.trim() ? analyseAnswer(text, question, store) : undefined);
            setPhase('review');
          }}
        />
      ) : (
        <Box flexDirection="column" marginTop={1}>
          <FeedbackView feedback={feedback} question={question} />
          <Text bold>{'\n'}Model answer</Text>
          <Text>{rendered?.id === question.id ? rendered.text : 'rendering…'}</Text>
          <RatingBar message={message} />
        </Box>
      )}
    </Box>
  );
}

export async function renderDrill(props: Omit<DrillAppProps, 'renderAnswer'>): Promise<void> {
  const width = Math.min(100, process.stdout.columns ?? 80);
  const renderAnswer = (q: Question) => renderMarkdownToAnsi(modelAnswer(q, props.store), { width });
  const app = render(<DrillApp {...props} renderAnswer={renderAnswer} />);
  await app.waitUntilExit();
}
