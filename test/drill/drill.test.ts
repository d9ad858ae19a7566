import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';
import { closeState, openState } from '../../src/data/state.js';
import { buildQueue, loadCards, rate, undoLast } from '../../src/drill/scheduler.js';
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
    expect(queue.map((q) => [q.question.id, q.due])).toEqual([
      ['c', true],
      ['a', false],
      ['b', false],
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

  it('--plain reads answers and ratings from piped stdin and commits them', () => {
    const home = makeTempHome();
    const r = runPrep(['drill', '--plain', '--new', '2'], { home, input: 'I compared class weights and SMOTE in the training folds.\n.\n3\n\n.\n1\n' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Feedback/);
    expect(r.stdout).toMatch(/Session: 2 rated \(Again 1, Hard 0, Good 1, Easy 0\)/);
    closeState();
    const db = openState({ home });
    expect((db.prepare('SELECT COUNT(*) AS n FROM drill_reviews').get() as { n: number }).n).toBe(2);
  });

  it('a killed drill keeps every rating it committed', async () => {
    const home = makeTempHome();
    const child = spawn(process.execPath, [binPath, 'drill', '--plain', '--new', '3'], { cwd: repoRoot, env: { ...process.env, CI: 'true', NO_COLOR: '1', PREP_HOME: home } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stdin.write('first answer\n.\n3\n');
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (/next review/.test(out)) {
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
      child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
      const start = Date.now();
      while (!/\[1\/1\]/.test(screen) && Date.now() - start < 20000) await new Promise((resolve) => setTimeout(resolve, 50));
      child.kill('SIGKILL');
      return { screen, imported: screen.split(/\r?\n/).filter((l) => l.startsWith('import ')).map((l) => l.slice(7).trim()) };
    };
    const cold = await firstScreen();
    expect(cold.screen).toMatch(/\[1\/1\]/);
    expect(cold.screen).toMatch(/Esc or Ctrl-D submit/);
    expect(cold.imported).toContain('react');
    for (const unbundled of ['ink', '@inkjs/ui', 'es-toolkit/compat', 'yoga-layout']) expect(cold.imported).not.toContain(unbundled);
    expect(cold.imported).toContain('gray-matter'); // the first start parses the content and caches it
    const warm = await firstScreen();
    expect(warm.screen).toMatch(/\[1\/1\]/);
    for (const parser of ['gray-matter', 'zod']) expect(warm.imported).not.toContain(parser);
    // DEV=true (set for some other tool) once crashed the bundled Ink, which then looked for devtools and its package.json
    const dev = await firstScreen({ DEV: 'true' });
    expect(dev.screen).toMatch(/\[1\/1\]/);
    expect(dev.screen).not.toMatch(/devtools|ENOENT|Error/);
  });
});
