import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';
import { closeState, openState } from '../../src/data/state.js';
import { buildQueue, learnAheadMinutes, loadCards, rate, undoLast } from '../../src/drill/scheduler.js';
import { binPath, makeTempHome, repoRoot, runPrep } from '../helpers/home.js';

afterEach(() => closeState());

describe('scheduling with ts-fsrs', () => {
  it('moves due dates the way ts-fsrs says, and undo restores the card exactly', () => {
    const db = openState({ home: makeTempHome() });
    const now = new Date('2026-11-01T10:00:00Z');
    const f = fsrs(generatorParameters({ request_retention: 0.9 }));
    const good = rate(db, { questionId: 'q1', rating: 3, answer: 'a', feedback: [], now });
    expect(good.card.due).toEqual(f.next(createEmptyCard(now), now, Rating.Good).card.due);
    const again = rate(db, { questionId: 'q2', rating: 1, answer: 'a', feedback: [], now });
    expect(again.card.due.getTime()).toBeLessThan(good.card.due.getTime());
    const later = new Date(good.card.due.getTime() + 60_000);
    const before = loadCards(db).get('q1')!.card;
    const easy = rate(db, { questionId: 'q1', rating: 4, answer: 'b', feedback: [], now: later });
    expect(easy.card.due).toEqual(f.next(before, later, Rating.Easy).card.due);
    expect(undoLast(db)).toEqual({ questionId: 'q1', rating: 4 });
    expect(loadCards(db).get('q1')!.card.due).toEqual(good.card.due);
    expect(undoLast(db)).toEqual({ questionId: 'q2', rating: 1 });
    expect(loadCards(db).has('q2')).toBe(false);
  });

  it('queues due cards first, then up to N new ones', () => {
    const db = openState({ home: makeTempHome() });
    const questions = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
    const past = new Date('2020-01-01T00:00:00Z');
    rate(db, { questionId: 'c', rating: 1, answer: '', feedback: [], now: past });
    const queue = buildQueue(db, questions, { newLimit: 2, dueOnly: false });
    expect(queue.map((q) => [q.question.id, q.kind])).toEqual([
      ['c', 'learning'], // rated Again: on its learning step, long since due
      ['a', 'new'],
      ['b', 'new'],
    ]);
    expect(buildQueue(db, questions, { newLimit: 2, dueOnly: true }).map((q) => q.question.id)).toEqual(['c']);
  });
});

describe('prep drill without a terminal', () => {
  it('exits 2 and names --plain', () => {
    const r = runPrep(['drill'], { home: makeTempHome() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--plain/);
  });

  it('--plain: follow-up, intervals on the prompt, a card rated Again comes back, u returns to the undone card', () => {
    const home = makeTempHome();
    const input = [
      '?', // what they are probing, before answering
      'I disagreed with the PM and\u007f proposed a backtest.', // conflict-story (a stray DEL byte is never saved)
      '.',
      'I would agree on the deciding test first.', // the interviewer's follow-up
      '.',
      '1', // Again: a 1-minute step
      '.', // ab-test-power-peeking: no answer
      'u', // undo conflict-story's Again: back to its rating
      '3', // Good: the 10-minute step
      '.', // ab-test again
      '4',
      '.', // nothing else left: conflict-story within the 20-minute learn-ahead limit
      '3',
      '',
    ].join('\n');
    const r = runPrep(['drill', '--plain', '--id', 'conflict-story', '--id', 'ab-test-power-peeking'], { home, input });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/What they are probing: Maturity, listening/);
    // the interviewer asks one follow-up: drawn from the answer, or one of the question's own
    expect(r.stdout).toMatch(/Interviewer: \S.*\?/);
    expect(r.stdout).toMatch(/Your follow-up answer:\n\s+I would agree on the deciding test first\./);
    expect(r.stdout).toContain('Rate: 1 Again (1m) · 2 Hard (6m) · 3 Good (10m) · 4 Easy (8d)');
    expect(r.stdout).toMatch(/Undid Again on "conflict-story": rate it again/);
    const headers = [...r.stdout.matchAll(/^\[\d+\] (.+)$/gm)].map((m) => m[1]);
    expect(headers).toEqual(['Tell me about a conflict with a colleague or stakeholder', 'How would you design and read an A/B test?', 'How would you design and read an A/B test?', 'Tell me about a conflict with a colleague or stakeholder']);
    expect(r.stdout).toMatch(/learning · behavioural/);
    expect(r.stdout).toMatch(/Session: 3 rated \(Again 0, Hard 0, Good 2, Easy 1\), 0 skipped/);
    closeState();
    const db = openState({ home });
    const rows = db.prepare('SELECT question_id, rating, answer, feedback FROM drill_reviews ORDER BY id').all() as { question_id: string; rating: number; answer: string; feedback: string }[];
    expect(rows.map((x) => [x.question_id, x.rating])).toEqual([
      ['conflict-story', 3],
      ['ab-test-power-peeking', 4],
      ['conflict-story', 3],
    ]);
    expect(rows[0]!.answer).toBe('I disagreed with the PM and proposed a backtest.');
    const followUp = JSON.parse(rows[0]!.feedback).followUp;
    expect(followUp).toMatchObject({ question: expect.stringMatching(/\?$/), answer: 'I would agree on the deciding test first.' });
    // the follow-up answer gets feedback of its own, saved with the review
    expect(followUp.analysis.score).toBeGreaterThanOrEqual(0);
  });

  it('--plain with --learn-ahead 0: a card on its 1-minute step is waited for, and the setting is saved', () => {
    const home = makeTempHome();
    const r = runPrep(['drill', '--plain', '--id', 'data-leakage', '--learn-ahead', '0'], { home, input: '.\n1\n' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Again: back in this session in 1 minute/);
    expect(r.stdout).toMatch(/Next: "What is data leakage[^"]*" comes back at \d\d:\d\d UTC/);
    expect(r.stdout).toMatch(/still learning: data-leakage, due at \d\d:\d\d UTC \(in 1 minute\)/);
    closeState();
    expect(learnAheadMinutes(openState({ home }))).toBe(0);
  });

  it('--topic and --id practise a question now even when it is not due, and say the rating counts as a review', () => {
    const home = makeTempHome();
    expect(runPrep(['drill', '--plain', '--id', 'data-leakage'], { home, input: '.\n4\n' }).status).toBe(0);
    const r = runPrep(['drill', '--plain', '--topic', 'data-leakage'], { home, input: '.\n3\n' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/No questions match/);
    expect(r.stdout).toMatch(/Practising now: 1 card\(s\) not due yet.*counts as a review/);
    expect(r.stdout).toMatch(/practised ahead · technical/);
    expect(r.stdout).toMatch(/1 practised ahead of schedule \(counted as reviews\)/);
    closeState();
    expect(loadCards(openState({ home })).get('data-leakage')!.reps).toBe(2);
  });

  it('an unknown --id or --order is a usage error (exit 2) that says what is accepted', () => {
    const home = makeTempHome();
    const id = runPrep(['drill', '--plain', '--id', 'no-such-question'], { home });
    expect(id.status).toBe(2);
    expect(id.stderr).toMatch(/no question with id "no-such-question"/);
    const order = runPrep(['drill', '--plain', '--order', 'sideways'], { home });
    expect(order.status).toBe(2);
    expect(order.stderr).toMatch(/mixed, in-order, random/);
  });

  it('new cards interleave topics: the first five come from five different folders', () => {
    const home = makeTempHome();
    const r = runPrep(['drill', '--plain', '--new', '5'], { home, input: '.\n3\n'.repeat(5) });
    expect(r.status, r.stderr).toBe(0);
    closeState();
    const ids = (openState({ home }).prepare('SELECT question_id FROM drill_reviews ORDER BY id').all() as { question_id: string }[]).map((x) => x.question_id);
    expect(ids.length).toBe(5);
    const folders = new Set(ids.map((id) => readdirSync(join(repoRoot, 'content/questions')).find((d) => existsSync(join(repoRoot, 'content/questions', d, `${id}.md`)))));
    expect(folders.size).toBe(5);
  });

  it('prep stats lists a leech with the command that suspends it; a suspended question stays out of drills', () => {
    const home = makeTempHome();
    const db = openState({ home });
    let now = new Date('2026-10-01T10:00:00Z');
    rate(db, { questionId: 'data-leakage', rating: 4, answer: '', feedback: [], now });
    for (let i = 0; i < 8; i++) {
      now = new Date(loadCards(db).get('data-leakage')!.due.getTime() + 60_000);
      rate(db, { questionId: 'data-leakage', rating: 1, answer: '', feedback: [], now }); // a lapse
      now = new Date(loadCards(db).get('data-leakage')!.due.getTime() + 60_000);
      rate(db, { questionId: 'data-leakage', rating: 3, answer: '', feedback: [], now }); // relearned
    }
    expect(loadCards(db).get('data-leakage')!.lapses).toBe(8);
    closeState();
    const stats = runPrep(['stats'], { home });
    expect(stats.stdout).toMatch(/data-leakage "[^"]+": 8 lapses; set it aside with `prep drill --suspend data-leakage`/);
    expect(runPrep(['drill', '--suspend', 'data-leakage'], { home }).stdout).toMatch(/suspended data-leakage/);
    expect(runPrep(['stats'], { home }).stdout).toMatch(/data-leakage "[^"]+": 8 lapses \(suspended\)[\s\S]*--unsuspend/);
    // --topic practises now, but only an explicit --id brings a suspended question
    expect(runPrep(['drill', '--plain', '--topic', 'leakage'], { home, input: '' }).stdout).not.toMatch(/What is data leakage/);
    expect(runPrep(['drill', '--plain', '--id', 'data-leakage'], { home, input: '' }).stdout).toMatch(/What is data leakage/);
  });

  it('content lint checks the content PREP_CONTENT points at, the same content the drill reads', () => {
    const root = makeTempHome();
    mkdirSync(join(root, 'questions', 'mine'), { recursive: true });
    const source = join(repoRoot, 'content/questions/fundamentals/data-leakage.md');
    const text = readFileSync(source, 'utf8');
    writeFileSync(join(root, 'questions/mine/data-leakage.md'), text.replace('difficulty: medium', 'difficulty: impossible').replace('difficulty: easy', 'difficulty: impossible').replace('difficulty: hard', 'difficulty: impossible'));
    const lint = runPrep(['content', 'lint', '--quick', '--json'], { home: makeTempHome(), env: { PREP_CONTENT: root } });
    const report = JSON.parse(lint.stdout) as { root: string; questions: number; problems: { file: string; rule: string }[] };
    expect(report.root).toBe(root);
    expect(report.problems).toEqual([expect.objectContaining({ file: 'questions/mine/data-leakage.md', rule: 'schema' })]);
    expect(lint.status).toBe(1);
    writeFileSync(join(root, 'questions/mine/data-leakage.md'), text);
    const fixed = runPrep(['content', 'lint', '--quick', '--json'], { home: makeTempHome(), env: { PREP_CONTENT: root } });
    expect(JSON.parse(fixed.stdout)).toMatchObject({ root, questions: 1, problems: [] });
    expect(runPrep(['drill', '--plain'], { home: makeTempHome(), env: { PREP_CONTENT: root }, input: '' }).stdout).toMatch(/\[1\] What is data leakage/);
  });
  it('a killed drill keeps every rating it committed', async () => {
    const home = makeTempHome();
    const child = spawn(process.execPath, [binPath, 'drill', '--plain', '--new', '3'], { cwd: repoRoot, env: { ...process.env, CI: 'true', NO_COLOR: '1', PREP_HOME: home } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stdin.write('first answer\n.\nno follow-up answer\n.\n3\n');
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (/Good: back in this session/.test(out)) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    child.stdin.write('an answer being typed when the process dies');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const db = openState({ home });
    const rows = db.prepare('SELECT rating FROM drill_reviews').all();
    expect(rows).toEqual([{ rating: 3 }]);
    expect(loadCards(db).size).toBe(1);
  });
});

describe('prep drill in a terminal (the built app, as a user starts it)', () => {
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)('draws the first question with the bundled Ink, and on a warm start without the content parser', async () => {
    const home = makeTempHome();
    const trace = join(repoRoot, 'test/helpers/trace-imports.mjs');
    const env: NodeJS.ProcessEnv = { ...process.env, PREP_HOME: home, TERM: 'xterm-256color' };
    delete env.CI; // Ink (is-in-ci) and prep both treat any CI variable as "no terminal"
    const firstScreen = async (extraEnv: NodeJS.ProcessEnv = {}): Promise<{ screen: string; imported: string[] }> => {
      // script(1) gives the child a pseudo-terminal, so prep decides it is interactive
      const child = spawn('script', ['-qfec', `stty cols 100 rows 30; ${process.execPath} --import ${trace} ${binPath} drill --new 1`, '/dev/null'], { env: { ...env, ...extraEnv } });
      let screen = '';
      // the counts are coloured: match the text without escape sequences
      child.stdout.on('data', (d: Buffer) => (screen += d.toString().replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')));
      const start = Date.now();
      while (!/1 new · 0 learning/.test(screen) && Date.now() - start < 20000) await new Promise((resolve) => setTimeout(resolve, 50));
      child.kill('SIGKILL');
      return { screen, imported: screen.split(/\r?\n/).filter((l) => l.startsWith('import ')).map((l) => l.slice(7).trim()) };
    };
    const cold = await firstScreen();
    expect(cold.screen).toMatch(/1 new · 0 learning/);
    expect(cold.screen).toMatch(/Esc or Ctrl-D submit/);
    expect(cold.imported).toContain('react');
    for (const unbundled of ['ink', '@inkjs/ui', 'es-toolkit/compat', 'yoga-layout']) expect(cold.imported).not.toContain(unbundled);
    expect(cold.imported).toContain('gray-matter'); // the first start parses the content and caches it
    const warm = await firstScreen();
    expect(warm.screen).toMatch(/1 new · 0 learning/);
    for (const parser of ['gray-matter', 'zod']) expect(warm.imported).not.toContain(parser);
    // DEV=true (set for some other tool) once crashed the bundled Ink, which then looked for devtools and its package.json
    const dev = await firstScreen({ DEV: 'true' });
    expect(dev.screen).toMatch(/1 new · 0 learning/);
    expect(dev.screen).not.toMatch(/devtools|ENOENT|Error/);
  });
});
