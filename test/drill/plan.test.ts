import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card } from 'ts-fsrs';
import { closeState, openState } from '../../src/data/state.js';
import { buildQueue, loadCards, rate, setDesiredRetention } from '../../src/drill/scheduler.js';
import { recordAttempt } from '../../src/exercises/progress.js';
import { buildPlan, dueForInterview, mockSet, phases, pitchVerdict, planStanding, questionsForRole, recallOnInterview, taskProgress, unplannedQuestions, type PlanInput, type PlanQuestion } from '../../src/drill/plan.js';
import { pitchHistory, readProgress, savePitch, savePlan } from '../../src/drill/plan-store.js';
import { drillQuestions } from '../../src/drill/questions.js';
import { binPath, makeTempHome } from '../helpers/home.js';

afterEach(() => closeState());

const DAY = 86_400_000;
const monday = new Date('2026-12-01T09:00:00Z');

function syntheticQuestions(n: number): PlanQuestion[] {
  const kinds = ['behavioural', 'project', 'technical', 'sql', 'stats', 'system-design'];
  return Array.from({ length: n }, (_, i) => ({ id: `q${i}`, kind: kinds[i % kinds.length]!, roles: i % 2 ? ['mle', 'ds'] : ['analyst', 'ds'], topics: [`topic${i % 4}`], targetSeconds: 60 + (i % 3) * 30, links: i % 6 === 1 ? ['churn:threshold'] : [] }));
}

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return { now: monday, interview: '2026-12-29', role: 'ds', minutesPerDay: 60, questions: syntheticQuestions(40), cards: new Map(), exercises: [], exercisesDone: new Set(), retention: 0.9, ...overrides };
}

describe('buildPlan', () => {
  it('covers every day from today to the day before the interview, in the exact --json shape', () => {
    const plan = buildPlan(input());
    expect(Object.keys(plan)).toEqual(['interview', 'role', 'days']);
    expect(plan.days).toHaveLength(28);
    expect(plan.days[0]!.date).toBe('2026-12-01');
    expect(plan.days.at(-1)!.date).toBe('2026-12-28');
    for (const day of plan.days) {
      expect(Object.keys(day)).toEqual(['date', 'minutes', 'tasks']);
      for (const t of day.tasks) expect(Object.keys(t).filter((k) => !['kind', 'what', 'questions', 'command'].includes(k))).toEqual([]);
    }
  });

  it('introduces every question for the role once, before the mock phase, in the order prep drill introduces them', () => {
    const all = syntheticQuestions(40);
    const plan = buildPlan(input({ questions: all, role: 'analyst' }));
    const introduced = plan.days.flatMap((d) => d.tasks.filter((t) => t.kind === 'new').flatMap((t) => t.questions!));
    expect(introduced).toEqual(questionsForRole(all, 'analyst').map((q) => q.id));
    const { mockStart } = phases(28);
    const lastNewDay = plan.days.findLastIndex((d) => d.tasks.some((t) => t.kind === 'new'));
    expect(lastNewDay).toBeLessThan(mockStart);
    // the command does what the task says: the drill introduces the next N unseen questions
    const first = plan.days[0]!.tasks.find((t) => t.kind === 'new')!;
    // by id: the drill interleaves new cards by topic, so a count alone would not bring these questions
    expect(first.command).toBe(`prep drill ${first.questions!.map((id) => `--id ${id}`).join(' ')}`);
  });

  it('forecasts at least one review of every new question before the interview (seen twice), with the review days ts-fsrs gives', () => {
    const plan = buildPlan(input());
    const introducedOn = new Map<string, number>();
    plan.days.forEach((d, i) => d.tasks.filter((t) => t.kind === 'new').forEach((t) => t.questions!.forEach((id) => introducedOn.set(id, i))));
    for (const [id, day] of introducedOn) {
      const reviewedAfter = plan.days.slice(day + 1).some((d) => d.tasks.some((t) => t.kind === 'review' && t.questions!.includes(id)));
      expect(reviewedAfter, id).toBe(true);
    }
    // known value: a new card rated Good twice at midday of its intro day (learning step), then Good when due
    const f = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false }));
    const noon = new Date('2026-12-01T12:00:00Z');
    let card = f.next(createEmptyCard(noon), noon, Rating.Good).card;
    while (card.due <= new Date('2026-12-01T23:59:59.999Z')) card = f.next(card, card.due, Rating.Good).card;
    const expectedDay = card.due.toISOString().slice(0, 10);
    const firstBatch = plan.days[0]!.tasks.find((t) => t.kind === 'new')!.questions!;
    const reviewDay = plan.days.find((d) => d.date > '2026-12-01' && d.tasks.some((t) => t.kind === 'review' && t.questions!.includes(firstBatch[0]!)))!.date;
    const expectedReviewDay = expectedDay < '2026-12-02' ? '2026-12-02' : expectedDay;
    expect(reviewDay).toBe(expectedReviewDay);
  });

  it('counts an existing card on the day ts-fsrs makes it due', () => {
    const f = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false }));
    let card: Card = f.next(createEmptyCard(new Date('2026-11-20T10:00:00Z')), new Date('2026-11-20T10:00:00Z'), Rating.Good).card;
    card = f.next(card, card.due, Rating.Good).card;
    card = f.next(card, new Date('2026-11-25T10:00:00Z'), Rating.Good).card;
    const dueDay = card.due.toISOString().slice(0, 10);
    const plan = buildPlan(input({ cards: new Map([['q0', card]]) }));
    const firstReviewDay = plan.days.find((d) => d.tasks.some((t) => t.kind === 'review' && t.questions!.includes('q0')))!.date;
    expect(firstReviewDay).toBe(dueDay < '2026-12-01' ? '2026-12-01' : dueDay);
    expect(plan.days.flatMap((d) => d.tasks).some((t) => t.kind === 'new' && t.questions!.includes('q0'))).toBe(false);
  });

  it('keeps the last day light and puts mocks and their questions in the last quarter', () => {
    const plan = buildPlan(input());
    const last = plan.days.at(-1)!;
    expect(last.tasks.map((t) => t.kind).sort()).toEqual(['day-before', 'pitch']);
    expect(last.minutes).toBeLessThanOrEqual(45);
    const mockDays = plan.days.map((d, i) => (d.tasks.some((t) => t.kind === 'mock') ? i : -1)).filter((i) => i >= 0);
    expect(mockDays.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...mockDays)).toBeGreaterThanOrEqual(phases(28).mockStart);
    const sets = plan.days.flatMap((d) => d.tasks.filter((t) => t.kind === 'mock').map((t) => t.questions!.join()));
    expect(new Set(sets).size).toBe(sets.length); // a different set each time
  });

  it('runs the labs for the role first and asks to explain the project questions that use their figures', () => {
    const plan = buildPlan(input({ role: 'mle' }));
    const labs = plan.days.flatMap((d) => d.tasks.filter((t) => t.kind === 'lab').map((t) => t.command));
    expect(labs).toEqual(['prep lab churn', 'prep lab churn loadtest', 'prep lab abtest simulate']);
    const explain = plan.days.flatMap((d) => d.tasks.filter((t) => t.kind === 'explain'));
    expect(explain).toHaveLength(1);
    expect(explain[0]!.questions).toEqual(syntheticQuestions(40).filter((q) => q.kind === 'project' && q.links.includes('churn:threshold') && q.roles.includes('mle')).map((q) => q.id));
  });

  it('fills the daily budget with exercises, the role\'s kind first, skipping done ones', () => {
    const exercises = [
      { id: 'sql-a', title: 'SQL A', kind: 'sql' as const, difficulty: 'easy' as const },
      { id: 'code-a', title: 'Code A', kind: 'code' as const, difficulty: 'medium' as const },
      { id: 'num-a', title: 'Num A', kind: 'numeric' as const, difficulty: 'easy' as const },
      { id: 'sql-b', title: 'SQL B', kind: 'sql' as const, difficulty: 'hard' as const },
    ];
    const plan = buildPlan(input({ role: 'analyst', exercises, exercisesDone: new Set(['sql-a']) }));
    const order = plan.days.flatMap((d) => d.tasks.filter((t) => t.kind === 'exercise').map((t) => t.command.split(' ').at(-1)));
    expect(order).toEqual(['sql-b', 'num-a', 'code-a']);
  });

  it('caps first sights by the daily budget and leaves the rest out when the time is too short', () => {
    const questions = syntheticQuestions(80);
    const short = buildPlan(input({ questions, role: null, interview: '2026-12-04', minutesPerDay: 30 }));
    const introduced = short.days.flatMap((d) => d.tasks.filter((t) => t.kind === 'new').flatMap((t) => t.questions!));
    // three days: today introduces, tomorrow is the mock, then the light day. 30 min a day, 60% for
    // first sights at a mean 4.5 min each (targets 60/90/120 s, answered and read three times over): 4
    expect(short.days.map((d) => d.tasks.map((t) => t.kind).filter((k) => k === 'new' || k === 'mock' || k === 'day-before'))).toEqual([['new'], ['mock'], ['day-before']]);
    expect(introduced).toEqual(questions.slice(0, 4).map((q) => q.id));
    expect(unplannedQuestions(short, questions, new Map())).toHaveLength(76);
    const roomy = buildPlan(input({ questions, role: null }));
    expect(unplannedQuestions(roomy, questions, new Map())).toEqual([]);
  });

  it('rejects an interview that is not after today', () => {
    expect(() => buildPlan(input({ interview: '2026-12-01' }))).toThrow(/after today/);
    expect(() => buildPlan(input({ interview: '2026-11-30' }))).toThrow(/after today/);
  });

  it('holds its invariants for any timeline and bank (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 10, max: 180 }), (days, n, minutes) => {
        const interview = new Date(monday.getTime() + days * DAY).toISOString().slice(0, 10);
        const questions = syntheticQuestions(n);
        const plan = buildPlan(input({ interview, questions, minutesPerDay: minutes, role: null }));
        expect(plan.days).toHaveLength(days);
        plan.days.forEach((d, i) => expect(d.date).toBe(new Date(monday.getTime() + i * DAY).toISOString().slice(0, 10)));
        const introduced = plan.days.flatMap((d) => d.tasks.filter((t) => t.kind === 'new').flatMap((t) => t.questions!));
        // with a working day before the light one, questions are introduced once each, in drill order,
        // and what the budget leaves out is reported as unplanned
        expect(introduced).toEqual(days >= 2 ? questions.map((q) => q.id).slice(0, introduced.length) : []);
        expect(unplannedQuestions(plan, questions, new Map())).toEqual(questions.map((q) => q.id).slice(introduced.length));
        if (days >= 2 && n > 0) expect(introduced.length).toBeGreaterThan(0);
        expect(plan.days.at(-1)!.tasks.every((t) => t.kind === 'day-before' || t.kind === 'pitch')).toBe(true);
        for (const d of plan.days) expect(d.minutes).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('mockSet', () => {
  it('opens with tell-me-about-yourself, then two behavioural, two project, SQL and statistics', () => {
    const qs: PlanQuestion[] = [
      { id: 'tell-me-about-yourself', kind: 'behavioural', roles: ['ds'], topics: ['pitch'], targetSeconds: 90, links: [] },
      ...syntheticQuestions(24),
    ];
    const set = mockSet(qs, 0);
    const kindOf = new Map(qs.map((q) => [q.id, q.kind]));
    expect(set.map((id) => kindOf.get(id))).toEqual(['behavioural', 'behavioural', 'behavioural', 'project', 'project', 'sql', 'stats']);
    expect(set[0]).toBe('tell-me-about-yourself');
    expect(mockSet(qs, 1)).not.toEqual(set);
  });
});

describe('interview-day recall and scheduling', () => {
  const f = fsrs(generatorParameters({ request_retention: 0.9 }));
  const reviewed = (at: string, goods: number): Card => {
    let card = f.next(createEmptyCard(new Date(at)), new Date(at), Rating.Good).card;
    for (let i = 1; i < goods; i++) card = f.next(card, card.due, Rating.Good).card;
    return card;
  };

  it('predicts recall per topic as FSRS retrievability on the interview morning, unseen questions as 0', () => {
    const card = reviewed('2026-12-01T10:00:00Z', 3);
    const qs: PlanQuestion[] = [
      { id: 'a', kind: 'technical', roles: ['ds'], topics: ['sql'], targetSeconds: 60, links: [] },
      { id: 'b', kind: 'technical', roles: ['ds'], topics: ['sql'], targetSeconds: 60, links: [] },
      { id: 'c', kind: 'technical', roles: ['ds'], topics: ['stats'], targetSeconds: 60, links: [] },
    ];
    const recall = recallOnInterview(qs, new Map([['a', card]]), '2026-12-29', 0.9);
    const expected = f.get_retrievability(card, new Date('2026-12-29T09:00:00Z'), false);
    expect(recall).toEqual([
      { topic: 'stats', questions: 1, seen: 0, recall: 0 },
      { topic: 'sql', questions: 2, seen: 1, recall: expected / 2 },
    ]);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(1);
  });

  it('brings a review forward when recall on the interview morning would miss the target, and keeps due dates that serve it', () => {
    const card = reviewed('2026-11-01T10:00:00Z', 4); // a few Good reviews: stability of weeks
    const now = new Date(card.last_review!.getTime() + DAY);
    const interview = new Date(card.last_review!.getTime() + 30 * DAY).toISOString().slice(0, 10);
    const morning = new Date(`${interview}T09:00:00Z`);
    // a due date before the interview is kept
    expect(dueForInterview(card, '2030-01-01', 0.9, now)).toEqual(card.due);
    // recall on the morning meets the target: the due date after the interview is kept
    const low = f.get_retrievability(card, morning, false) - 0.05;
    const lateCard = { ...card, due: new Date(morning.getTime() + 5 * DAY) };
    expect(dueForInterview(lateCard, interview, low, now)).toEqual(lateCard.due);
    // a stricter target on the day: the review moves to the last day before the interview that still meets it
    const strict = Math.min(0.99, f.get_retrievability(card, morning, false) + 0.03);
    const days = Array.from({ length: 40 }, (_, i) => new Date(`${new Date(now.getTime() + (i + 1) * DAY).toISOString().slice(0, 10)}T12:00:00Z`)).filter((d) => d < new Date(`${interview}T00:00:00Z`));
    const meeting = days.filter((d) => f.get_retrievability(card, d, false) >= strict);
    const expected = meeting.length ? meeting.at(-1)! : days[0]!;
    const due = dueForInterview(lateCard, interview, strict, now);
    expect(due).toEqual(expected);
    expect(due.getTime()).toBeLessThan(morning.getTime());
    expect(meeting.length).toBeGreaterThan(0); // the case is not vacuous
  });
});

describe('following the plan for a few simulated days', () => {
  it('ticks reviews, runs and exercises on their day, and tells ahead from behind', async () => {
    const home = makeTempHome();
    const db = openState({ home });
    const questions = (await drillQuestions({ role: 'ds' }, home)).questions;
    const plan = buildPlan({ ...input({ role: 'ds', questions, exercises: [{ id: 'churn-rate-by-contract', title: 'Churn by contract', kind: 'sql', difficulty: 'easy' }] }) });
    const day0 = plan.days[0]!;
    const newTask = day0.tasks.find((t) => t.kind === 'new')!;
    const labTask = day0.tasks.find((t) => t.kind === 'lab')!;
    // day 0: nothing done yet
    expect(taskProgress(newTask, day0.date, readProgress(db))).toEqual({ done: false, detail: `0/${newTask.questions!.length}` });
    // the candidate answers today's new questions, the first of them twice (its learning step)
    const at = (h: number, dayIndex = 0) => new Date(monday.getTime() + dayIndex * DAY + h * 3_600_000);
    newTask.questions!.forEach((id, i) => rate(db, { questionId: id, rating: 3, answer: 'x', feedback: {}, now: at(1 + i / 10) }));
    const afterDay0 = readProgress(db);
    expect(taskProgress(newTask, day0.date, afterDay0).done).toBe(true);
    expect(taskProgress(labTask, day0.date, afterDay0).done).toBe(false);
    const standing0 = planStanding(plan, afterDay0, at(10));
    expect(standing0.behind.map((b) => b.kind)).toContain('lab');
    expect(standing0.ahead).toBe(-standing0.behind.length);
    // day 1: the lab is run a day late, an exercise passes, and day 2's new questions are done early
    // (the run store and exercise progress take the real clock: their times are set as on day 1)
    db.prepare(`INSERT INTO runs (id, lab, params, code_version, started_at, status) VALUES ('churn-sim', 'churn', '{}', 'test', ?, 'ok')`).run(at(2, 1).toISOString());
    recordAttempt(db, 'churn-rate-by-contract', true);
    db.prepare(`UPDATE exercise_progress SET last_checked_at = ?`).run(at(2, 1).toISOString());
    const day2New = plan.days[2]!.tasks.find((t) => t.kind === 'new')!;
    for (const id of day2New.questions!) rate(db, { questionId: id, rating: 3, answer: 'x', feedback: {}, now: at(3, 1) });
    const afterDay1 = readProgress(db);
    expect(taskProgress(labTask, day0.date, afterDay1).done).toBe(false); // not on its own day
    expect(taskProgress(labTask, plan.days[1]!.date, afterDay1)).toEqual({ done: true, detail: 'run recorded' });
    const standing1 = planStanding(plan, afterDay1, at(10, 1));
    expect(standing1.daysElapsed).toBe(2);
    // the churn lab of day 0 is done; day 1's lab (segment) is not
    expect(standing1.behind.filter((b) => b.kind === 'lab').map((b) => b.date)).toEqual([plan.days[1]!.date]);
    // the new questions of day 2, done on day 1, count as ahead (and the exercise if it was planned later)
    const exerciseDay = plan.days.findIndex((d) => d.tasks.some((t) => t.command === 'prep exercise start churn-rate-by-contract'));
    const doneEarly = 1 + (exerciseDay > 1 ? 1 : 0);
    expect(standing1.ahead).toBe(doneEarly - standing1.behind.length);
  });
});

describe('timed pitches', () => {
  it('judge a time against the target within 15% either way', () => {
    expect(pitchVerdict(30, 30)).toEqual({ verdict: 'on time', by: 0 });
    expect(pitchVerdict(34.4, 30)).toEqual({ verdict: 'on time', by: 4 });
    expect(pitchVerdict(35, 30)).toEqual({ verdict: 'long', by: 5 });
    expect(pitchVerdict(76, 90)).toEqual({ verdict: 'short', by: -14 });
    expect(pitchVerdict(77, 90)).toEqual({ verdict: 'on time', by: -13 });
  });

  it('tick a pitch day only for a timed pitch of that length and project on that day, and keep their history', () => {
    const db = openState({ home: makeTempHome() });
    const plan = buildPlan(input({ role: 'mle' }));
    const day = plan.days.find((d) => d.tasks.some((t) => t.kind === 'pitch'))!;
    const task = day.tasks.find((t) => t.kind === 'pitch')!;
    expect(task.command).toBe('prep pitch --seconds 90 --project churn');
    const at = new Date(`${day.date}T18:00:00Z`);
    savePitch(db, { project: 'churn', targetSeconds: 30, seconds: 31, rating: 3, at });
    savePitch(db, { project: 'segment', targetSeconds: 90, seconds: 95, rating: null, at });
    expect(taskProgress(task, day.date, readProgress(db)).done).toBe(false);
    savePitch(db, { project: 'churn', targetSeconds: 90, seconds: 97.5, rating: 2, at: new Date(at.getTime() + 60_000) });
    expect(taskProgress(task, day.date, readProgress(db))).toEqual({ done: true, detail: 'pitch timed' });
    expect(taskProgress(task, new Date(at.getTime() + DAY).toISOString().slice(0, 10), readProgress(db)).done).toBe(false);
    // in the standing, a pitch counts on its own day and never as done ahead of a later pitch day
    const standing = planStanding(plan, readProgress(db), at);
    expect(standing.behind.some((b) => b.kind === 'pitch')).toBe(false);
    const pitchDays = plan.days.filter((d) => d.date <= day.date && d.tasks.some((t) => t.kind === 'pitch')).length;
    expect(pitchDays).toBe(1);
    expect(standing.ahead).toBe(-standing.behind.length);
    expect(pitchHistory(db).map((p) => [p.project, p.targetSeconds, p.seconds, p.rating])).toEqual([
      ['churn', 90, 97.5, 2],
      ['segment', 90, 95, null], // same time as the next: the later saved first
      ['churn', 30, 31, 3],
    ]);
  });
});

// spawns the built bin/prep.js, which Stryker's sandbox has not got (PREP_MUTATION_RUN: vitest.mutation.config.ts)
describe.skipIf(process.env.PREP_MUTATION_RUN)('prep plan (spawned)', () => {
  const prep = (home: string, now: string, args: string[]) => spawnSync(process.execPath, [binPath, ...args], { env: { ...process.env, PREP_HOME: home, PREP_NOW: now, CI: 'true', NO_COLOR: '1' }, encoding: 'utf8', input: '' });

  it('saves the date, prints the plan as JSON, and shows today with ticks on later days', () => {
    const home = makeTempHome();
    const made = prep(home, '2026-12-01T09:00:00Z', ['plan', '--interview', '2026-12-15', '--role', 'analyst', '--json']);
    expect(made.status, made.stderr).toBe(0);
    const plan = JSON.parse(made.stdout) as { interview: string; role: string; days: { date: string; tasks: { kind: string; command: string }[] }[] };
    expect(plan.interview).toBe('2026-12-15');
    expect(plan.role).toBe('analyst');
    expect(plan.days).toHaveLength(14);
    expect(plan.days[0]!.tasks.some((t) => t.command === 'prep lab segment')).toBe(true);
    // two days later, no arguments: the saved plan, today's tasks
    const today = prep(home, '2026-12-03T09:00:00Z', ['plan']);
    expect(today.status, today.stderr).toBe(0);
    expect(today.stdout).toContain('Interview on 2026-12-15 (12 day(s) left)');
    expect(today.stdout).toContain('Today, 2026-12-03');
    expect(prep(home, '2026-12-03T09:00:00Z', ['plan', '--json']).stdout).toBe(made.stdout);
    const stats = prep(home, '2026-12-03T09:00:00Z', ['stats', '--json']);
    const s = JSON.parse(stats.stdout) as { plan: { interview: string; standing: { planned: number; done: number; ahead: number }; recallOnInterview: { recall: number }[] } };
    expect(s.plan.interview).toBe('2026-12-15');
    expect(s.plan.standing.done).toBe(0);
    expect(s.plan.standing.ahead).toBe(-s.plan.standing.planned);
    expect(s.plan.recallOnInterview.every((t) => t.recall === 0)).toBe(true);
    // the first mock day: run the mock its task names, and the plan ticks it
    const mockDay = plan.days.find((d) => d.tasks.some((t) => t.kind === 'mock'))!;
    const mockTask = mockDay.tasks.find((t) => t.kind === 'mock')!;
    const at = `${mockDay.date}T10:00:00Z`;
    expect(prep(home, at, ['plan']).stdout).toMatch(/· mock .*\[no mock yet\]/);
    const mocked = spawnSync(process.execPath, [binPath, ...mockTask.command.split(' ').slice(1), '--plain'], { env: { ...process.env, PREP_HOME: home, PREP_NOW: at, CI: 'true', NO_COLOR: '1' }, encoding: 'utf8', input: 'I build churn models.\n.\n' });
    expect(mocked.status, mocked.stderr).toBe(0);
    expect(prep(home, at, ['plan']).stdout).toMatch(/✓ mock .*\[mock finished\]/);
  });

  it('defaults to four weeks, and rejects bad dates and past dates as usage errors', () => {
    const home = makeTempHome();
    const made = prep(home, '2026-12-01T09:00:00Z', ['plan', '--json']);
    expect(made.status, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout).interview).toBe('2026-12-29');
    expect(prep(home, '2026-12-01T09:00:00Z', ['plan', '--interview', '2026-02-30']).status).toBe(2);
    const past = prep(home, '2026-12-01T09:00:00Z', ['plan', '--interview', '2026-11-30']);
    expect(past.status).toBe(2);
    expect(past.stderr).toContain('not after today');
    expect(prep(home, '2026-12-01T09:00:00Z', ['plan', '--role', 'boss']).status).toBe(2);
  });
});

describe('the scheduler knows the interview date', () => {
  it('a card scheduled past the interview whose recall on the day would fall below the target comes back before it', () => {
    const db = openState({ home: makeTempHome() });
    const start = new Date('2026-11-01T10:00:00Z');
    // learned at a low target (0.75): FSRS spaces the reviews far apart
    setDesiredRetention(db, 0.75);
    let t = start;
    for (let i = 0; i < 3; i++) {
      const { card } = rate(db, { questionId: 'q', rating: 3, answer: '', feedback: {}, now: t });
      t = new Date(Math.max(card.due.getTime(), t.getTime() + 60_000));
    }
    const stored = loadCards(db).get('q')!;
    const interview = '2026-12-20';
    const now = new Date('2026-12-10T10:00:00Z');
    expect(stored.due.getTime()).toBeGreaterThan(new Date(`${interview}T09:00:00Z`).getTime());
    // without a plan nothing changes; with one and a target of 0.95 on the day, it is due before the interview
    expect(buildQueue(db, [{ id: 'q' }], { newLimit: 0, dueOnly: true, now: new Date('2026-12-19T13:00:00Z') })).toEqual([]);
    setDesiredRetention(db, 0.95);
    savePlan(db, { interview, role: 'ds', minutesPerDay: 45, startDay: '2026-12-10', plan: { interview, role: 'ds', days: [] } as never }, now);
    const onPlan = loadCards(db, now).get('q')!;
    expect(onPlan.due.getTime()).toBeLessThan(new Date(`${interview}T09:00:00Z`).getTime());
    expect(onPlan.due.getTime()).toBeGreaterThan(now.getTime());
    expect(buildQueue(db, [{ id: 'q' }], { newLimit: 0, dueOnly: true, now: new Date('2026-12-19T13:00:00Z') }).map((e) => e.question.id)).toEqual(['q']);
    // after the interview the date no longer applies
    expect(loadCards(db, new Date('2026-12-21T10:00:00Z')).get('q')!.due).toEqual(stored.due);
  });
});
