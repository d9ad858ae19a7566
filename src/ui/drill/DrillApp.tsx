/**
 * The interactive drill: a view of a DrillSession (src/drill/session.ts), which owns the queue,
 * ratings, undo and persistence. The screen never grows past the terminal: the question stays at
 * the top, the feedback, model answer and pitfalls scroll in a panel (↑↓ PgUp PgDn), and the
 * rating buttons show the interval each would give. Ctrl-Z undoes from any screen, u too where
 * letters are not answer text.
 */
import { useEffect, useReducer, useState } from 'react';
import { Box, Text, render, useApp, useInput, useStdout } from '../ink.js';
import type { Question } from '../../content/questions.js';
import { renderMarkdownToAnsi } from '../../content/render.js';
import type { RunStore } from '../../data/runs.js';
import { modelAnswer } from '../../drill/questions.js';
import { ratingNames, type RatingValue } from '../../drill/scheduler.js';
import { learningLeftLine, summaryLine, type DrillSession, type FeedbackLine } from '../../drill/session.js';
import { applyTyped, deleteLastCharacter, displayWidth, wrapText } from './screen-text.js';

export interface DrillAppProps {
  session: DrillSession<unknown>;
  /** Renders a question's model answer (async: the markdown renderer loads on first use, after the first frame). */
  renderAnswer: (question: Question) => Promise<string>;
  /** Shown above the first card when cards are practised ahead of their date. */
  practiceNote?: string;
  /** Screen size; by default the terminal's, followed on resize. */
  columns?: number;
  rows?: number;
}

/** A line of the scrolling panel: text already wrapped to the panel's width. */
interface PanelLine {
  text: string;
  color?: 'green' | 'yellow' | 'cyan';
  bold?: boolean;
  dim?: boolean;
  /** On a wide screen the feedback sits beside the answer: this line's right-hand column. */
  right?: Omit<PanelLine, 'right'>;
  /** The left column's width when there is a right one. */
  leftWidth?: number;
}

/** Side by side from this width; narrower screens stack the answer above the feedback. */
const SIDE_BY_SIDE_COLUMNS = 100;

const toneColor = { good: 'green', missing: 'yellow', warning: 'yellow' } as const;

function useTerminalSize(columns?: number, rows?: number): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: columns ?? stdout.columns ?? 80, rows: rows ?? stdout.rows ?? 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, columns, rows]);
  return size;
}

export interface AnswerEditorProps {
  onSubmit: (text: string) => void;
  /** Ctrl-Z: undo the last rating (letters are answer text here). */
  onUndo?: () => void;
  /** Tab: show or hide what the question is probing. */
  onTab?: () => void;
  onScroll?: (lines: number) => void;
  /** Text lines the box may show (the last ones, where the typing is). */
  visibleLines?: number;
  width?: number;
  hint?: string;
  initial?: string;
}

export function AnswerEditor({ onSubmit, onUndo, onTab, onScroll, visibleLines = 6, width = 80, hint, initial = '' }: AnswerEditorProps) {
  const [text, setText] = useState(initial);
  useInput((input, key) => {
    if (key.ctrl && input === 'z') return onUndo?.();
    if (key.escape || (key.ctrl && input === 'd')) return onSubmit(text);
    if (key.tab) return onTab?.();
    if (key.upArrow || key.pageUp) return onScroll?.(key.pageUp ? -10 : -1);
    if (key.downArrow || key.pageDown) return onScroll?.(key.pageDown ? 10 : 1);
    if (key.return) return setText((t) => `${t}\n`);
    if (key.backspace || key.delete) return setText((t) => deleteLastCharacter(t));
    if (key.ctrl || key.meta || key.leftArrow || key.rightArrow || key.home || key.end) return;
    // one read can hold many keys (a burst, a paste): applyTyped handles each character
    setText((t) => applyTyped(t, input));
  });
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  const inner = Math.max(10, width - 4);
  const lines = wrapText(text, inner - 1);
  const shown = lines.slice(-visibleLines);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={width}>
      {lines.length > visibleLines ? <Text dimColor>… {lines.length - visibleLines} line(s) above</Text> : null}
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
          {i === shown.length - 1 ? <Text inverse> </Text> : null}
        </Text>
      ))}
      <Text dimColor wrap="truncate">
        {words} words · Enter new line · Esc or Ctrl-D submit
      </Text>
      {hint ? (
        <Text dimColor wrap="truncate">
          {hint}
        </Text>
      ) : null}
    </Box>
  );
}

/** Wrapped, styled lines of the answer and its feedback (the session's port says what the feedback lines are). */
function feedbackPanel(answer: string, lines: FeedbackLine[], width: number): PanelLine[] {
  if (!answer) return [{ text: 'No answer typed: think, then compare with the model answer.', dim: true }];
  const column = (w: number) => {
    const answerLines: PanelLine[] = [{ text: 'Your answer', bold: true }, ...wrapText(answer.replace(/^/gm, '  '), w).map((text) => ({ text, dim: true }))];
    const feedback: PanelLine[] = [{ text: 'Feedback', bold: true }];
    for (const l of lines) for (const text of wrapText(`  ${l.text}`, w)) feedback.push({ text, color: l.tone ? toneColor[l.tone] : undefined });
    return { answerLines, feedback };
  };
  if (width < SIDE_BY_SIDE_COLUMNS) {
    const { answerLines, feedback } = column(width);
    return [...answerLines, { text: '' }, ...feedback];
  }
  // the answer on the left, the feedback on the right, row by row
  const leftWidth = Math.floor((width - 3) / 2);
  const { answerLines } = column(leftWidth);
  const { feedback } = column(width - leftWidth - 3);
  return Array.from({ length: Math.max(answerLines.length, feedback.length) }, (_, i) => ({ ...(answerLines[i] ?? { text: '' }), leftWidth, right: feedback[i] ?? { text: '' } }));
}

export function RatingBar({ intervals, width }: { intervals?: Record<RatingValue, { label: string }>; width: number }) {
  const cell = 10;
  const names = ([1, 2, 3, 4] as RatingValue[]).map((r) => `${r} ${ratingNames[r]}`.padEnd(cell)).join('');
  const under = ([1, 2, 3, 4] as RatingValue[]).map((r) => `  ${intervals?.[r].label ?? ''}`.padEnd(cell)).join('');
  const keys = width >= 80 ? 'u undo · s skip · q quit · ↑↓ scroll' : 'u undo · s skip · q quit';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>{names}</Text>
        <Text dimColor>{keys}</Text>
      </Text>
      <Text color="cyan" wrap="truncate">
        {under}
      </Text>
    </Box>
  );
}

function Panel({ lines, offset, height }: { lines: PanelLine[]; offset: number; height: number }) {
  const shown = lines.slice(offset, offset + height);
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((l, i) =>
        l.right ? (
          <Text key={i} wrap="truncate">
            <Text color={l.color} bold={l.bold} dimColor={l.dim}>
              {l.text + ' '.repeat(Math.max(0, (l.leftWidth ?? 0) - displayWidth(l.text)))}
            </Text>
            <Text dimColor> │ </Text>
            <Text color={l.right.color} bold={l.right.bold} dimColor={l.right.dim}>
              {l.right.text}
            </Text>
          </Text>
        ) : (
          <Text key={i} wrap="truncate" color={l.color} bold={l.bold} dimColor={l.dim}>
            {l.text || ' '}
          </Text>
        ),
      )}
    </Box>
  );
}

export function DrillApp({ session, renderAnswer, practiceNote, columns, rows }: DrillAppProps) {
  const { exit } = useApp();
  const size = useTerminalSize(columns, rows);
  const width = Math.max(40, Math.min(size.columns, 120));
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [scroll, setScroll] = useState(0);
  const [probing, setProbing] = useState(false);
  const [done, setDone] = useState(false);
  const [rendered, setRendered] = useState<{ id: string; text: string } | undefined>();
  useEffect(() => session.subscribe(redraw), [session]);
  const { phase, current } = session;
  const question = current?.question;
  // each card (and each screen of it) starts at the top of the panel
  const screenKey = `${question?.id}:${phase}:${session.summary().rated}`;
  useEffect(() => {
    setScroll(0);
    setProbing(false);
  }, [screenKey]);
  useEffect(() => {
    if (!question) return;
    let live = true;
    void renderAnswer(question).then((text) => live && setRendered({ id: question.id, text }));
    return () => {
      live = false;
    };
  }, [question, renderAnswer]);
  // while a learning card's step runs, look at the clock every few seconds
  useEffect(() => {
    if (phase !== 'waiting') return undefined;
    const timer = setInterval(() => session.refresh(), 5000);
    return () => clearInterval(timer);
  }, [phase, session]);
  useEffect(() => {
    if (!done) return undefined;
    const timer = setTimeout(() => exit(), 50);
    return () => clearTimeout(timer);
  }, [done, exit]);

  const height = Math.max(12, size.rows - 1);
  const scrollBy = (n: number, max: number) => setScroll((s) => Math.max(0, Math.min(max, s + n)));

  // the scrolling panel for the follow-up and review screens
  let panel: PanelLine[] = [];
  if (current && (phase === 'follow-up' || phase === 'review')) {
    panel = feedbackPanel(current.answer, session.feedbackLines(), width);
    if (phase === 'review') {
      if (current.followUp) {
        panel.push({ text: '' }, ...wrapText(`Interviewer: ${current.followUp.question}`, width).map((text) => ({ text, bold: true })));
        panel.push(...wrapText(current.followUp.answer ? current.followUp.answer.replace(/^/gm, '  ') : '  (passed)', width).map((text) => ({ text, dim: true })));
        for (const line of session.followUpLines()) for (const text of wrapText(`  ${line.text}`, width)) panel.push({ text, color: line.tone ? toneColor[line.tone] : undefined });
      }
      panel.push({ text: '' }, { text: 'Model answer', bold: true });
      panel.push(...wrapText(rendered?.id === current.question.id ? rendered.text : 'rendering…', width).map((text) => ({ text })));
      panel.push({ text: '' }, { text: 'Pitfalls', bold: true }, ...wrapText(current.question.sections.Pitfalls, width).map((text) => ({ text })));
    }
  }

  // fixed lines: header, title and question stay on screen
  const header = question ? [`${current!.kind === 'ahead' ? 'practised ahead' : current!.kind} · ${question.kind} · ${question.difficulty} · about ${question.targetSeconds} s spoken`] : [];
  const title = question ? wrapText(question.title, width) : [];
  // a long question keeps a quarter of the screen at most; the rest of the screen is for the answer
  const questionAll = question ? wrapText(question.sections.Question, width) : [];
  const questionRoom = Math.max(3, Math.floor(height / 4));
  const questionLines = questionAll.length > questionRoom ? [...questionAll.slice(0, questionRoom - 1), `${questionAll[questionRoom - 1]!.slice(0, Math.max(0, width - 2))} …`] : questionAll;
  const fixed = header.length + title.length + questionLines.length + (session.message ? 1 : 0);
  const followUpLines = phase === 'follow-up' && current?.followUp ? wrapText(`Interviewer: ${current.followUp.question}`, width) : [];
  const editorLines = phase === 'follow-up' ? 3 : 0;
  // follow-up: panel + indicator + question + editor (lines + border 2 + hint 1); review: panel + indicator + rating bar 2
  const panelHeight = Math.max(3, height - fixed - 1 - (phase === 'follow-up' ? followUpLines.length + editorLines + 4 : 2));
  const maxScroll = Math.max(0, panel.length - panelHeight);

  useInput(
    (input, key) => {
      if (phase === 'finished') {
        if (input === 'u' || (key.ctrl && input === 'z')) session.undo();
        else if (input === 'q' || key.return || key.escape) setDone(true);
        return;
      }
      if (phase === 'waiting') {
        if (input === 'u' || (key.ctrl && input === 'z')) session.undo();
        else if (input === 'q') {
          session.quit();
          setDone(true);
        }
        return;
      }
      if (key.upArrow || input === 'k') return scrollBy(-1, maxScroll);
      if (key.downArrow || input === 'j') return scrollBy(1, maxScroll);
      if (key.pageUp) return scrollBy(-(panelHeight - 1), maxScroll);
      if (key.pageDown || input === ' ') return scrollBy(panelHeight - 1, maxScroll);
      if (['1', '2', '3', '4'].includes(input)) session.rate(Number(input) as RatingValue);
      else if (input === 's') session.skip();
      else if (input === 'u' || (key.ctrl && input === 'z')) session.undo();
      else if (input === 'q') {
        session.quit();
        setDone(true);
      }
    },
    { isActive: phase === 'review' || phase === 'waiting' || phase === 'finished' },
  );

  if (phase === 'finished' || phase === 'waiting' || !current || !question) {
    const summary = session.summary();
    const next = session.nextLearning;
    return (
      <Box flexDirection="column" width={width}>
        {phase === 'waiting' && next ? (
          <>
            <Text bold>Waiting for a learning card</Text>
            {wrapText(`"${next.question.title}" comes back at ${next.due!.toISOString().slice(11, 16)} UTC${session.waitingUntil!.getTime() < next.due!.getTime() ? `; it is shown from ${session.waitingUntil!.toISOString().slice(11, 16)} UTC (the learn-ahead limit)` : ''}.`, width).map((l, i) => (
              <Text key={`w${i}`}>{l}</Text>
            ))}
            <Text dimColor>Keep this open and it appears; u undo · q quit (it stays scheduled).</Text>
          </>
        ) : (
          <>
            <Text bold>Session summary</Text>
            {wrapText(`${summaryLine(summary)} Every rating is saved; \`prep stats\` shows what is due.`, width).map((l, i) => (
              <Text key={`s${i}`}>{l}</Text>
            ))}
            {summary.learningLeft.map((l) => (
              <Text key={l.questionId}>{learningLeftLine(l)}</Text>
            ))}
          </>
        )}
        {session.message ? <Text color="cyan">{session.message}</Text> : null}
        {phase === 'finished' && !done ? <Text dimColor>u undo the last rating · q or Enter quit</Text> : null}
      </Box>
    );
  }

  const counts = session.counts;
  return (
    <Box flexDirection="column" width={width}>
      <Text dimColor wrap="truncate">
        <Text color="blue">{counts.new}</Text> new · <Text color="red">{counts.learning}</Text> learning · <Text color="green">{counts.review}</Text> review │ {header[0]}
      </Text>
      {title.map((l, i) => (
        <Text key={`t${i}`} bold>
          {l}
        </Text>
      ))}
      {questionLines.map((l, i) => (
        <Text key={`q${i}`}>{l}</Text>
      ))}
      {session.message ? (
        <Text color="cyan" wrap="truncate">
          {session.message}
        </Text>
      ) : practiceNote && session.summary().rated === 0 && phase === 'answer' ? (
        <Text dimColor wrap="truncate">
          {practiceNote}
        </Text>
      ) : null}
      {phase === 'answer' ? (
        <>
          {probing
            ? wrapText(`What they are probing: ${question.sections['What they are probing']}`, width).map((l, i) => (
                <Text key={`p${i}`} color="cyan">
                  {l}
                </Text>
              ))
            : null}
          <AnswerEditor
            key={screenKey}
            width={width}
            initial={current.answer}
            visibleLines={Math.max(2, height - fixed - 5 - (probing ? wrapText(question.sections['What they are probing'], width).length + 1 : 0) - 1)}
            hint={`Tab: ${probing ? "hide" : "show"} what they probe · Ctrl-Z undo · then 1-4 rate, s skip, q quit`}
            onSubmit={(text) => session.submitAnswer(text)}
            onUndo={() => session.undo()}
            onTab={() => setProbing((p) => !p)}
          />
        </>
      ) : phase === 'follow-up' ? (
        <>
          <Panel lines={panel} offset={Math.min(scroll, maxScroll)} height={panelHeight} />
          <Text dimColor wrap="truncate">
            {maxScroll > 0 ? `↑↓ PgUp PgDn scroll · lines ${Math.min(scroll, maxScroll) + 1}-${Math.min(panel.length, Math.min(scroll, maxScroll) + panelHeight)} of ${panel.length}` : ' '}
          </Text>
          {followUpLines.map((l, i) => (
            <Text key={`f${i}`} bold color="magenta">
              {l}
            </Text>
          ))}
          <AnswerEditor
            key={screenKey}
            width={width}
            visibleLines={editorLines}
            hint="an empty answer passes · ↑↓ scroll the feedback · Ctrl-Z undo"
            onSubmit={(text) => session.submitFollowUp(text)}
            onUndo={() => session.undo()}
            onScroll={(n) => scrollBy(n, maxScroll)}
          />
        </>
      ) : (
        <>
          <Panel lines={panel} offset={Math.min(scroll, maxScroll)} height={panelHeight} />
          <Text dimColor wrap="truncate">
            {maxScroll > 0 ? `↑↓ PgUp PgDn scroll · lines ${Math.min(scroll, maxScroll) + 1}-${Math.min(panel.length, Math.min(scroll, maxScroll) + panelHeight)} of ${panel.length}` : ' '}
          </Text>
          <RatingBar intervals={session.intervals()} width={width} />
        </>
      )}
    </Box>
  );
}

/** Width of the widest line, for tests that check nothing overflows. */
export const widestLine = (frame: string) => Math.max(0, ...frame.split('\n').map(displayWidth));

export async function renderDrill(props: { session: DrillSession<unknown>; store: RunStore; practiceNote?: string }): Promise<void> {
  const width = Math.min(120, process.stdout.columns ?? 80);
  const renderAnswer = (q: Question) => renderMarkdownToAnsi(modelAnswer(q, props.store), { width });
  const app = render(<DrillApp session={props.session} practiceNote={props.practiceNote} renderAnswer={renderAnswer} />);
  await app.waitUntilExit();
}
