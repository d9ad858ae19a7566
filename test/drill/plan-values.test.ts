/**
 * The day-by-day plan as known values worked out by hand from the rules in src/drill/plan.ts
 * (phases, lab order, explain and new-question minutes, pitch and mock days, exercises filling the
 * budget, the light last day), and the progress of every kind of task on both sides of its day.
 */
import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';
import { buildPlan, dueForInterview, labsForRole, mockSet, parseDay, phases, pitchProject, pitchVerdict, planStanding, recallOnInterview, taskProgress, unplannedQuestions, type InterviewPlan, type PlanExercise, type PlanInput, type PlanProgress, type PlanQuestion, type PlanTask } from '../../src/drill/plan.js';

const now = new Date('2026-12-01T09:00:00Z');
const base = (over: Partial<PlanInput> = {}): PlanInput => ({ now, interview: '2026-12-06', role: 'mle', minutesPerDay: 30, questions: [], cards: new Map(), exercises: [], exercisesDone: new Set(), retention: 0.9, ...over });
const exercises: PlanExercise[] = [
  { id: 'e-sql', title: 'SQL E', kind: 'sql', difficulty: 'easy' },
  { id: 'e-code', title: 'Code E', kind: 'code', difficulty: 'medium' },
  { id: 'e-num', title: 'Num E', kind: 'numeric', difficulty: 'easy' },
  { id: 'e-hard', title: 'Num H', kind: 'numeric', difficulty: 'hard' },
];
const q = (id: string, kind: string, targetSeconds: number, extra: Partial<PlanQuestion> = {}): PlanQuestion => ({ id, kind, roles: ['mle', 'ds'], topics: ['t'], targetSeconds, links: [], ...extra });
const noProgress = (): PlanProgress => ({ reviews: [], runs: [], figures: [], pitches: [], mocks: [], exercisesDone: [] });

describe('phases of the timeline', () => {
  it.each([
    [1, { build: 0, introEnd: 0, mockStart: 0, last: 0 }],
    [2, { build: 1, introEnd: 1, mockStart: 1, last: 1 }],
    [3, { build: 1, introEnd: 1, mockStart: 1, last: 2 }],
    [5, { build: 1, introEnd: 3, mockStart: 3, last: 4 }],
    [6, { build: 2, introEnd: 3, mockStart: 3, last: 5 }],
    [9, { build: 2, introEnd: 6, mockStart: 6, last: 8 }],
    [28, { build: 7, introEnd: 20, mockStart: 20, last: 27 }],
  ])('%i days: %o', (days, expected) => {
    expect(phases(days)).toEqual(expected);
  });
});

describe('a five-day plan for an ML engineer with no questions, worked out by hand', () => {
  // phases(5): build 1 (labs all on day 0), mocks from day 3, light day 4
  const plan = buildPlan(base({ exercises }));
  const churnPitch = { kind: 'pitch', what: 'Say your 90-second churn pitch aloud, timed', command: 'prep pitch --seconds 90 --project churn' };
  it('puts the three labs on day 0, pitches on days 1 and 3, the mock on day 3, exercises by budget, and the light day last', () => {
    expect(plan).toEqual({
      interview: '2026-12-06',
      role: 'mle',
      days: [
        {
          date: '2026-12-01',
          minutes: 25 + 15 + 10 + 15,
          tasks: [
            { kind: 'lab', what: "Run the churn lab (IBM's fictional Telco sample): read every stage's output", command: 'prep lab churn' },
            { kind: 'lab', what: 'Serve the churn model and measure its latency', command: 'prep lab churn loadtest' },
            { kind: 'lab', what: 'Simulate A/A tests, peeking and power on real baskets', command: 'prep lab abtest simulate' },
            // code first for mle; one a day at least, even over budget
            { kind: 'exercise', what: 'CODE exercise: Code E', command: 'prep exercise start e-code' },
          ],
        },
        // 10 + 10 = 20; the hard one (25) would go over 30
        { date: '2026-12-02', minutes: 20, tasks: [churnPitch, { kind: 'exercise', what: 'NUMERIC exercise: Num E', command: 'prep exercise start e-num' }] },
        // 25; the SQL one (10) would go over 30
        { date: '2026-12-03', minutes: 25, tasks: [{ kind: 'exercise', what: 'NUMERIC exercise: Num H', command: 'prep exercise start e-hard' }] },
        { date: '2026-12-04', minutes: 55, tasks: [churnPitch, { kind: 'mock', what: 'Mock interview: answer these aloud in order, timed; feedback comes at the end', questions: [], command: 'prep mock --role mle --set 0' }] },
        {
          date: '2026-12-05',
          minutes: 40,
          tasks: [
            { kind: 'day-before', what: 'Light day. Check the logistics (time, place or link, who you meet), reread your numbers sheet, and no new material', command: 'prep story --project churn' },
            { kind: 'pitch', what: 'Say the 30-second and the 90-second churn pitch once each', command: 'prep pitch --seconds 30 --project churn' },
          ],
        },
      ],
    });
  });
  it('leaves out exercises already done, and plans none in the mock phase', () => {
    const done = buildPlan(base({ exercises, exercisesDone: new Set(['e-code', 'e-num']) }));
    expect(done.days.map((d) => d.tasks.filter((t) => t.kind === 'exercise').map((t) => t.command))).toEqual([['prep exercise start e-hard'], ['prep exercise start e-sql'], [], [], []]);
  });
  it('for an analyst: the segmentation lab first, the segment pitch, and no role flag without a role', () => {
    const analyst = buildPlan(base({ role: 'analyst' }));
    expect(analyst.days[0]!.tasks.filter((t) => t.kind === 'lab').map((t) => t.command)).toEqual(['prep lab segment', 'prep lab abtest simulate', 'prep lab churn']);
    expect(analyst.days[1]!.tasks[0]).toEqual({ kind: 'pitch', what: 'Say your 90-second segment pitch aloud, timed', command: 'prep pitch --seconds 90 --project segment' });
    expect(pitchProject('analyst')).toBe('segment');
    expect(pitchProject('ds')).toBe('churn');
    expect(pitchProject(null)).toBe('churn');
    const anyone = buildPlan(base({ role: null }));
    expect(anyone.role).toBeNull();
    expect(anyone.days[3]!.tasks.find((t) => t.kind === 'mock')!.command).toBe('prep mock --set 0');
    expect(anyone.days[0]!.tasks.filter((t) => t.kind === 'lab').map((t) => t.command)).toEqual(labsForRole.any.map((s) => s.command));
  });
  it('with the interview tomorrow: no labs, no new questions, only the light day', () => {
    const tomorrow = buildPlan(base({ interview: '2026-12-02', questions: [q('a', 'technical', 60)], exercises }));
    expect(tomorrow.days).toHaveLength(1);
    expect(tomorrow.days[0]!.tasks.map((t) => t.kind)).toEqual(['day-before', 'pitch']);
  });
  it('in two days: labs, the first sights, the pitch and an exercise on day 0, the light day after', () => {
    const two = buildPlan(base({ interview: '2026-12-03', questions: [q('a', 'technical', 60)], exercises }));
    expect(two.days[0]!.tasks.map((t) => [t.kind, t.command])).toEqual([
      ['lab', 'prep lab churn'],
      ['lab', 'prep lab churn loadtest'],
      ['lab', 'prep lab abtest simulate'],
      ['new', 'prep drill --id a'],
      ['pitch', 'prep pitch --seconds 90 --project churn'],
      ['exercise', 'prep exercise start e-code'],
    ]);
    expect(two.days[1]!.tasks.map((t) => t.kind)).toEqual(['day-before', 'pitch']);
  });
  it('adds the closing question to the light day when the bank has it', () => {
    const withClosing = buildPlan(base({ questions: [q('questions-for-us', 'behavioural', 60)] }));
    expect(withClosing.days.at(-1)!.tasks).toContainEqual({ kind: 'day-before', what: 'Pick the two or three questions you will ask them', questions: ['questions-for-us'], command: 'prep content show questions-for-us' });
    expect(withClosing.days.at(-1)!.minutes).toBe(45);
  });
});

describe('explain, new and review tasks with their minutes', () => {
  const questions = [
    q('p1', 'project', 90, { links: ['churn:threshold'] }),
    q('t1', 'technical', 60, { topics: ['your-numbers'], links: ['churn.test.recall'] }),
    q('b1', 'behavioural', 60),
    q('s1', 'sql', 60, { links: ['segment:rfm'] }),
    q('x1', 'technical', 60, { roles: ['analyst'] }),
  ];
  const plan = buildPlan(base({ questions }));

  it('asks to explain the churn figures the day after the churn lab, at 10 min plus half the review time', () => {
    const explain = plan.days.flatMap((d, i) => d.tasks.filter((t) => t.kind === 'explain').map((t) => ({ i, t })));
    // p1: 2 × 90 s = 3 min, t1: 2 × 60 s = 2 min; 10 + 5 / 2 = 12.5
    expect(explain).toEqual([
      {
        i: 1,
        t: { kind: 'explain', what: 'Explain every churn figure you will quote: draft your story from the run, then answer these aloud (rerun `prep lab churn` until each figure makes sense)', questions: ['p1', 't1'], command: 'prep story --project churn' },
      },
    ]);
  });

  it('introduces two a day (four for mle over three intro days, and 60% of 30 min allows five), three times the target each', () => {
    const news = plan.days.map((d) => d.tasks.filter((t) => t.kind === 'new'));
    expect(news[0]).toEqual([{ kind: 'new', what: "2 new question(s), after today's reviews", questions: ['p1', 't1'], command: 'prep drill --id p1 --id t1' }]);
    expect(news[1]).toEqual([{ kind: 'new', what: "2 new question(s), after today's reviews", questions: ['b1', 's1'], command: 'prep drill --id b1 --id s1' }]);
    expect(news.slice(2).flat()).toEqual([]);
    expect(unplannedQuestions(plan, questions, new Map())).toEqual([]);
    expect(unplannedQuestions(buildPlan(base({ role: 'analyst', questions })), questions, new Map())).toEqual([]);
    // a question already seen is neither introduced nor unplanned
    const seen = new Map([['p1', createEmptyCard(now)]]);
    const withSeen = buildPlan(base({ questions, cards: seen }));
    // three unseen over three intro days: one a day
    expect(withSeen.days.map((d) => d.tasks.find((t) => t.kind === 'new')?.questions)).toEqual([['t1'], ['b1'], ['s1'], undefined, undefined]);
    expect(unplannedQuestions(withSeen, questions, seen)).toEqual([]);
  });

  it('caps first sights at 60% of the daily budget: 10 min a day allows one of a mean 3.4 min, and the rest is unplanned', () => {
    const tight = buildPlan(base({ questions, minutesPerDay: 10 }));
    expect(tight.days.map((d) => d.tasks.find((t) => t.kind === 'new')?.questions)).toEqual([['p1'], ['t1'], ['b1'], undefined, undefined]);
    expect(unplannedQuestions(tight, questions, new Map())).toEqual(['s1']);
    // never fewer than one a day, however small the budget
    const tiny = buildPlan(base({ questions, minutesPerDay: 1 }));
    expect(tiny.days.map((d) => d.tasks.find((t) => t.kind === 'new')?.questions?.length)).toEqual([1, 1, 1, undefined, undefined]);
  });

  it('budgets each day: labs, explain, first sights, reviews, pitch (rounded)', () => {
    // day 1: pitch 10 + explain 12.5 + new b1, s1 (3 + 3) + the reviews forecast for it
    const reviewsDay1 = plan.days[1]!.tasks.find((t) => t.kind === 'review')?.questions ?? [];
    const reviewMinutes = reviewsDay1.reduce((s, id) => s + (2 * questions.find((x) => x.id === id)!.targetSeconds) / 60, 0);
    expect(plan.days[1]!.minutes).toBe(Math.round(10 + 12.5 + 6 + reviewMinutes));
  });

  it('names the review forecast\'s retention as a percentage and asks the drill for due cards', () => {
    for (const retention of [0.9, 0.85]) {
      const reviews = buildPlan(base({ questions, retention, interview: '2026-12-20' })).days.flatMap((d) => d.tasks.filter((t) => t.kind === 'review'));
      expect(reviews.length).toBeGreaterThan(0);
      for (const t of reviews) {
        expect(t.what).toBe(`${t.questions!.length} review(s) due (forecast with FSRS at ${Math.round(retention * 100)}% retention)`);
        expect(t.command).toBe('prep drill --role mle --due-only');
      }
    }
    // the light last day has no reviews
    expect(buildPlan(base({ questions, interview: '2026-12-20' })).days.at(-1)!.tasks.some((t) => t.kind === 'review')).toBe(false);
  });
});

describe('mock question sets', () => {
  const bank = [
    q('tell-me-about-yourself', 'behavioural', 90),
    q('questions-for-us', 'behavioural', 60),
    q('b1', 'behavioural', 60),
    q('b2', 'behavioural', 60),
    q('b3', 'behavioural', 60),
    q('p1', 'project', 90),
    q('p2', 'project', 90),
    q('s1', 'sql', 60),
    q('s2', 'sql', 60),
    q('st1', 'stats', 60),
    q('t1', 'technical', 60),
    q('d1', 'system-design', 120),
  ];
  it('picks the opener, then the next two behavioural, two project, one SQL and one statistics question each round, never the closing question', () => {
    expect(mockSet(bank, 0)).toEqual(['tell-me-about-yourself', 'b1', 'b2', 'p1', 'p2', 's1', 'st1']);
    expect(mockSet(bank, 1)).toEqual(['tell-me-about-yourself', 'b3', 'b1', 'p1', 'p2', 's2', 'st1']);
    expect(mockSet(bank, 2)).toEqual(['tell-me-about-yourself', 'b2', 'b3', 'p1', 'p2', 's1', 'st1']);
  });
  it('takes a technical and a system-design question where the bank has no SQL or statistics, and skips kinds it lacks', () => {
    const mle = bank.filter((x) => !['sql', 'stats'].includes(x.kind));
    expect(mockSet(mle, 0)).toEqual(['tell-me-about-yourself', 'b1', 'b2', 'p1', 'p2', 't1', 'd1']);
    expect(mockSet([q('p1', 'project', 90)], 0)).toEqual(['p1']);
    expect(mockSet([], 3)).toEqual([]);
  });
});

describe('progress of each kind of task', () => {
  const at = (s: string) => new Date(s);
  const day = '2026-12-02';
  it('a lab: a run of that lab by the end of its day; the loadtest only by its own figure', () => {
    const lab: PlanTask = { kind: 'lab', what: '', command: 'prep lab churn' };
    // the last millisecond of the day still counts
    expect(taskProgress(lab, day, { ...noProgress(), runs: [{ lab: 'churn', at: at('2026-12-02T23:59:59.999Z') }] })).toEqual({ done: true, detail: 'run recorded' });
    expect(taskProgress(lab, day, { ...noProgress(), runs: [{ lab: 'churn', at: at('2026-12-03T00:00:00Z') }] })).toEqual({ done: false, detail: 'no run yet' });
    expect(taskProgress(lab, day, { ...noProgress(), runs: [{ lab: 'segment', at: at('2026-12-01T10:00:00Z') }] }).done).toBe(false);
    const ops: PlanTask = { kind: 'lab', what: '', command: 'prep lab churn loadtest' };
    expect(taskProgress(ops, day, { ...noProgress(), runs: [{ lab: 'churn', at: at('2026-12-01T10:00:00Z') }] })).toEqual({ done: false, detail: 'no churn.serve.latencyP95Ms recorded yet' });
    expect(taskProgress(ops, day, { ...noProgress(), figures: [{ key: 'churn.serve.latencyP95Ms', at: at('2026-12-02T23:59:59.999Z') }] })).toEqual({ done: true, detail: 'run recorded' });
    expect(taskProgress(ops, day, { ...noProgress(), figures: [{ key: 'churn.test.auc', at: at('2026-12-02T10:00:00Z') }] })).toEqual({ done: false, detail: 'no churn.serve.latencyP95Ms recorded yet' });
    expect(taskProgress(ops, day, { ...noProgress(), figures: [{ key: 'churn.serve.latencyP95Ms', at: at('2026-12-03T10:00:00Z') }] }).done).toBe(false);
    // a lab the plan does not list: read from its command
    expect(taskProgress({ kind: 'lab', what: '', command: 'prep lab forecast' }, day, { ...noProgress(), runs: [{ lab: 'forecast', at: at('2026-12-01T10:00:00Z') }] }).done).toBe(true);
    expect(taskProgress({ kind: 'lab', what: '', command: 'prep lab forecast' }, day, noProgress())).toEqual({ done: false, detail: 'no run yet' });
  });
  it('new questions: each answered once by the end of the day, whatever the rating', () => {
    const task: PlanTask = { kind: 'new', what: '', questions: ['a', 'b'], command: '' };
    const reviews = [
      { questionId: 'a', rating: 1, at: at('2026-12-02T10:00:00Z'), firstSight: true },
      { questionId: 'b', rating: 4, at: at('2026-12-03T10:00:00Z'), firstSight: true },
    ];
    expect(taskProgress(task, day, { ...noProgress(), reviews })).toEqual({ done: false, detail: '1/2' });
    expect(taskProgress(task, '2026-12-03', { ...noProgress(), reviews })).toEqual({ done: true, detail: '2/2' });
  });
  it('explain: each answered and rated Good or Easy', () => {
    const task: PlanTask = { kind: 'explain', what: '', questions: ['a', 'b'], command: 'prep story --project churn' };
    const rated = (ra: number, rb: number) => ({ ...noProgress(), reviews: [{ questionId: 'a', rating: ra, at: at('2026-12-02T10:00:00Z'), firstSight: false }, { questionId: 'b', rating: rb, at: at('2026-12-02T11:00:00Z'), firstSight: false }] });
    expect(taskProgress(task, day, rated(2, 3))).toEqual({ done: false, detail: '1/2' });
    expect(taskProgress(task, day, rated(3, 4))).toEqual({ done: true, detail: '2/2' });
    expect(taskProgress(task, day, rated(1, 2))).toEqual({ done: false, detail: '0/2' });
  });
  it('reviews: each reviewed again on that very day, not a first sight', () => {
    const task: PlanTask = { kind: 'review', what: '', questions: ['a', 'b'], command: '' };
    const reviews = [
      { questionId: 'a', rating: 3, at: at('2026-12-02T10:00:00Z'), firstSight: false },
      { questionId: 'b', rating: 3, at: at('2026-12-02T10:00:00Z'), firstSight: true },
      { questionId: 'b', rating: 3, at: at('2026-12-01T10:00:00Z'), firstSight: false },
    ];
    expect(taskProgress(task, day, { ...noProgress(), reviews })).toEqual({ done: false, detail: '1/2' });
    expect(taskProgress(task, day, { ...noProgress(), reviews: [...reviews, { questionId: 'b', rating: 2, at: at('2026-12-02T20:00:00Z'), firstSight: false }] })).toEqual({ done: true, detail: '2/2' });
    // only the questions of the task count: one of three reviewed is 1/3
    expect(taskProgress({ ...task, questions: ['a', 'b', 'c'] }, day, { ...noProgress(), reviews: [reviews[0]!] })).toEqual({ done: false, detail: '1/3' });
    expect(taskProgress({ ...task, questions: [] }, day, noProgress())).toEqual({ done: true, detail: '0/0' });
  });
  it('an exercise: passed by the end of its day, among others passed', () => {
    const task: PlanTask = { kind: 'exercise', what: '', command: 'prep exercise start e-sql' };
    const done = [
      { id: 'e-code', at: at('2026-12-01T10:00:00Z') },
      { id: 'e-sql', at: at('2026-12-02T23:59:59.999Z') },
    ];
    expect(taskProgress(task, day, { ...noProgress(), exercisesDone: done })).toEqual({ done: true, detail: 'passed' });
    expect(taskProgress(task, '2026-12-01', { ...noProgress(), exercisesDone: done })).toEqual({ done: false, detail: 'not passed yet' });
    expect(taskProgress(task, day, { ...noProgress(), exercisesDone: [done[0]!] })).toEqual({ done: false, detail: 'not passed yet' });
  });
  it('a pitch: one of the length and project the command names, on that day; a command without a length never ticks', () => {
    const task: PlanTask = { kind: 'pitch', what: '', command: 'prep pitch --seconds 30 --project segment' };
    const pitches = [{ project: 'segment', targetSeconds: 30, at: at('2026-12-02T10:00:00Z') }];
    expect(taskProgress(task, day, { ...noProgress(), pitches })).toEqual({ done: true, detail: 'pitch timed' });
    expect(taskProgress(task, '2026-12-03', { ...noProgress(), pitches })).toEqual({ done: false, detail: 'no timed pitch yet' });
    expect(taskProgress(task, day, { ...noProgress(), pitches: [{ ...pitches[0]!, targetSeconds: 90 }] }).done).toBe(false);
    expect(taskProgress(task, day, { ...noProgress(), pitches: [{ ...pitches[0]!, project: 'churn' }] }).done).toBe(false);
    expect(taskProgress({ kind: 'pitch', what: '', command: 'prep pitch' }, day, { ...noProgress(), pitches })).toEqual({ done: false, detail: 'no timed pitch yet' });
  });
  it('a mock: a finished mock of its set by the end of its day (set 0 when the command names none)', () => {
    const task: PlanTask = { kind: 'mock', what: '', questions: [], command: 'prep mock --set 2' };
    const mocks = [{ set: 2, at: at('2026-12-02T23:59:59.999Z') }];
    expect(taskProgress(task, day, { ...noProgress(), mocks })).toEqual({ done: true, detail: 'mock finished' });
    expect(taskProgress(task, '2026-12-01', { ...noProgress(), mocks })).toEqual({ done: false, detail: 'no mock yet' });
    expect(taskProgress(task, day, { ...noProgress(), mocks: [{ set: 1, at: mocks[0]!.at }] }).done).toBe(false);
    expect(taskProgress({ ...task, command: 'prep mock' }, day, { ...noProgress(), mocks: [{ set: 0, at: mocks[0]!.at }] }).done).toBe(true);
  });
  it('the light day: not recorded by prep', () => {
    expect(taskProgress({ kind: 'day-before', what: '', command: 'prep story --project churn' }, day, noProgress())).toEqual({ done: null, detail: 'not recorded by prep: tick it yourself' });
  });
});

describe('standing against the plan', () => {
  const plan: InterviewPlan = {
    interview: '2026-12-05',
    role: 'ds',
    days: [
      { date: '2026-12-01', minutes: 0, tasks: [{ kind: 'lab', what: 'lab', command: 'prep lab churn' }, { kind: 'review', what: 'r', questions: ['z'], command: '' }, { kind: 'pitch', what: 'p1', command: 'prep pitch --seconds 90 --project churn' }] },
      { date: '2026-12-02', minutes: 0, tasks: [{ kind: 'exercise', what: 'ex', command: 'prep exercise start e1' }, { kind: 'day-before', what: 'untracked', command: '' }] },
      { date: '2026-12-03', minutes: 0, tasks: [{ kind: 'mock', what: 'mock', questions: [], command: 'prep mock --set 0' }, { kind: 'pitch', what: 'p3', command: 'prep pitch --seconds 90 --project churn' }] },
      { date: '2026-12-04', minutes: 0, tasks: [{ kind: 'exercise', what: 'ex2', command: 'prep exercise start e2' }] },
    ],
  };
  it('counts trackable tasks due by today, lists those behind, and counts later ones done early (never a pitch)', () => {
    const progress: PlanProgress = {
      ...noProgress(),
      runs: [{ lab: 'churn', at: new Date('2026-12-02T08:00:00Z') }],
      pitches: [{ project: 'churn', targetSeconds: 90, at: new Date('2026-12-02T08:00:00Z') }],
      mocks: [{ set: 0, at: new Date('2026-12-02T09:00:00Z') }],
      exercisesDone: [{ id: 'e2', at: new Date('2026-12-02T07:00:00Z') }],
    };
    const standing = planStanding(plan, progress, new Date('2026-12-02T12:00:00Z'));
    // due by today: lab (done late, counts by today), pitch of day 0 (not on its day: behind), exercise e1 (behind)
    expect(standing).toEqual({
      daysElapsed: 2,
      daysLeft: 2,
      planned: 3,
      done: 1,
      ahead: 2 - 2, // mock and e2 done early; two behind
      behind: [
        { date: '2026-12-01', kind: 'pitch', what: 'p1', detail: 'no timed pitch yet' },
        { date: '2026-12-02', kind: 'exercise', what: 'ex', detail: 'not passed yet' },
      ],
    });
  });
});

describe('small helpers', () => {
  it('pitchVerdict: on time from 85% to 115% of the target inclusive', () => {
    expect(pitchVerdict(85, 100)).toEqual({ verdict: 'on time', by: -15 });
    expect(pitchVerdict(84.9, 100)).toEqual({ verdict: 'short', by: -15 });
    expect(pitchVerdict(115, 100)).toEqual({ verdict: 'on time', by: 15 });
    // the pitch's own target: 15% over 90 s is 103.5 s, on time (90 × 1.15 is 103.49999... in floating point)
    expect(pitchVerdict(103.5, 90)).toEqual({ verdict: 'on time', by: 14 });
    expect(pitchVerdict(103.6, 90)).toEqual({ verdict: 'long', by: 14 });
    expect(pitchVerdict(76.5, 90)).toEqual({ verdict: 'on time', by: -13 });
    expect(pitchVerdict(76.4, 90)).toEqual({ verdict: 'short', by: -14 });
    expect(pitchVerdict(115.1, 100)).toEqual({ verdict: 'long', by: 15 });
  });
  it('parseDay accepts real calendar dates only', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2026-12-01')).toBe('2026-12-01');
    for (const bad of ['2026-02-29', '2026-13-01', '2026-2-3', '2026-12-01T00:00', ' 2026-12-01', 'tomorrow']) expect(parseDay(bad), bad).toBeUndefined();
  });
  it('recallOnInterview: a card never reviewed counts as seen but not recalled; topics sorted by recall, then name', () => {
    const f = fsrs(generatorParameters({ request_retention: 0.9 }));
    const t0 = new Date('2026-12-01T10:00:00Z');
    const card = f.next(createEmptyCard(t0), t0, Rating.Easy).card;
    const qs = [q('a', 'technical', 60, { topics: ['zeta'] }), q('b', 'technical', 60, { topics: ['alpha'] }), q('c', 'technical', 60, { topics: [] }), q('d', 'technical', 60, { topics: ['beta'] })];
    const r = recallOnInterview(qs, new Map([['a', card], ['b', createEmptyCard(t0)]]), '2026-12-05', 0.9);
    expect(r.map((x) => [x.topic, x.questions, x.seen])).toEqual([
      ['alpha', 1, 1],
      ['beta', 1, 0],
      ['other', 1, 0],
      ['zeta', 1, 1],
    ]);
    expect(r.slice(0, 3).map((x) => x.recall)).toEqual([0, 0, 0]);
    expect(r[3]!.recall).toBeCloseTo(f.get_retrievability(card, new Date('2026-12-05T09:00:00Z'), false) as number, 12);
  });
  it('dueForInterview: a card never reviewed keeps its due date; late in the run-up the review falls on the day before', () => {
    const fresh = { ...createEmptyCard(now), due: new Date('2027-01-01T00:00:00Z') };
    expect(dueForInterview(fresh, '2026-12-10', 0.9, now)).toEqual(fresh.due);
    const f = fsrs(generatorParameters({ request_retention: 0.9 }));
    const t0 = new Date('2026-11-01T10:00:00Z');
    const card = f.next(createEmptyCard(t0), t0, Rating.Good).card;
    const late = { ...card, due: new Date('2027-01-01T00:00:00Z') };
    // asked on the day before the interview for a target the card cannot meet: that day, at midday
    expect(dueForInterview(late, '2026-12-10', 0.99, new Date('2026-12-09T08:00:00Z'))).toEqual(new Date('2026-12-09T12:00:00Z'));
    expect(dueForInterview(late, '2026-12-10', 0.99, new Date('2026-12-20T08:00:00Z'))).toEqual(new Date('2026-12-09T12:00:00Z'));
    // earlier, and the card already under target tomorrow: tomorrow
    expect(dueForInterview(late, '2026-12-10', 0.99, new Date('2026-12-01T08:00:00Z'))).toEqual(new Date('2026-12-02T12:00:00Z'));
  });
});
