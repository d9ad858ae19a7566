/**
 * `prep plan`: a day-by-day plan from today to the interview, after the interview guide's four
 * weeks: rebuild the project and its numbers (labs, then explain every figure you will quote),
 * drill the answers (new questions early enough that each is seen at least twice before the day),
 * practise the pitch, mock interviews in the last stretch, and a light day before.
 *
 * Pure: the clock, the questions, the cards and what the candidate did are arguments, so the plan
 * and its progress are tested with a fake clock. The review load of each day is forecast with
 * ts-fsrs, rating every due card Good, the same scheduler `prep drill` uses.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card } from 'ts-fsrs';

export const roles = ['mle', 'ds', 'analyst'] as const;
export type Role = (typeof roles)[number];

export type TaskKind = 'lab' | 'explain' | 'new' | 'review' | 'exercise' | 'pitch' | 'mock' | 'day-before';

/** One task of a day, in the `--json` contract: `{ kind, what, questions?, command }`. */
export interface PlanTask {
  kind: TaskKind;
  what: string;
  questions?: string[];
  command: string;
}

export interface PlanDay {
  /** YYYY-MM-DD (UTC, as every date prep stores). */
  date: string;
  /** Estimated minutes for the day's tasks. */
  minutes: number;
  tasks: PlanTask[];
}

export interface InterviewPlan {
  interview: string;
  role: Role | null;
  days: PlanDay[];
}

/** The parts of a question the plan needs (a `Question` fits). */
export interface PlanQuestion {
  id: string;
  kind: string;
  roles: string[];
  topics: string[];
  targetSeconds: number;
  links: string[];
}

export interface PlanExercise {
  id: string;
  title: string;
  kind: 'sql' | 'numeric' | 'code';
  difficulty: 'easy' | 'medium' | 'hard';
}

export interface PlanInput {
  /** The injected clock: the plan starts on this day (UTC). */
  now: Date;
  /** YYYY-MM-DD, after `now`'s day. */
  interview: string;
  role: Role | null;
  minutesPerDay: number;
  /** The question bank, in the order `prep drill` introduces new questions. */
  questions: PlanQuestion[];
  /** FSRS cards of the questions already seen, by question id. */
  cards: ReadonlyMap<string, Card>;
  exercises: PlanExercise[];
  exercisesDone: ReadonlySet<string>;
  /** The drill's desired retention (FSRS request_retention). */
  retention: number;
}

export const DAY_MS = 86_400_000;
export { DEFAULT_MINUTES_PER_DAY, DEFAULT_PLAN_DAYS } from './settings-defaults.js';

export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number): string => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
/** Reviews are simulated at midday; a real review any time that day counts the same. */
const middayOf = (day: string): Date => new Date(`${day}T12:00:00Z`);
const endOfDay = (day: string): Date => new Date(`${day}T23:59:59.999Z`);

/** YYYY-MM-DD that is a real calendar date, else undefined. */
export function parseDay(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(t) || dayOf(new Date(t)) !== text ? undefined : text;
}

interface LabStep {
  lab: string;
  what: string;
  command: string;
  minutes: number;
  /** `prep story --project` for the figures a candidate quotes from this lab. */
  story?: 'churn' | 'segment';
  /** A metric only this step records, as lab.key: its presence shows the step was done. */
  proof?: string;
}

const labSteps: Record<string, LabStep> = {
  churn: { lab: 'churn', what: "Run the churn lab (IBM's fictional Telco sample): read every stage's output", command: 'prep lab churn', minutes: 25, story: 'churn' },
  churnOps: { lab: 'churn', what: 'Serve the churn model and measure its latency', command: 'prep lab churn loadtest', minutes: 15, proof: 'churn.serve.latencyP95Ms' },
  segment: { lab: 'segment', what: 'Run the segmentation lab (UCI Online Retail): RFM, k-means, concentration, cohorts, CLV', command: 'prep lab segment', minutes: 20, story: 'segment' },
  abtest: { lab: 'abtest', what: 'Simulate A/A tests, peeking and power on real baskets', command: 'prep lab abtest simulate', minutes: 10 },
};

/** The labs each role rebuilds, most important first. */
export const labsForRole: Record<Role | 'any', LabStep[]> = {
  mle: [labSteps.churn!, labSteps.churnOps!, labSteps.abtest!],
  ds: [labSteps.churn!, labSteps.segment!, labSteps.abtest!],
  analyst: [labSteps.segment!, labSteps.abtest!, labSteps.churn!],
  any: [labSteps.churn!, labSteps.segment!, labSteps.abtest!],
};

/** The project whose pitch the candidate practises. */
export const pitchProject = (role: Role | null): 'churn' | 'segment' => (role === 'analyst' ? 'segment' : 'churn');

const exercisePreference: Record<Role | 'any', PlanExercise['kind'][]> = {
  mle: ['code', 'numeric', 'sql'],
  ds: ['numeric', 'sql', 'code'],
  analyst: ['sql', 'numeric', 'code'],
  any: ['sql', 'numeric', 'code'],
};
const exerciseMinutes: Record<PlanExercise['difficulty'], number> = { easy: 10, medium: 15, hard: 25 };

/** A timed pitch against its target: within 15% either way is on time. */
export function pitchVerdict(seconds: number, targetSeconds: number): { verdict: 'short' | 'on time' | 'long'; by: number } {
  const by = Math.round(seconds - targetSeconds);
  // in whole percent, so 15% over a 90 s target (103.5 s, where 90 * 1.15 is 103.49999...) is still on time
  if (100 * seconds < 85 * targetSeconds) return { verdict: 'short', by };
  if (100 * seconds > 115 * targetSeconds) return { verdict: 'long', by };
  return { verdict: 'on time', by };
}

/** Answering aloud, then reading the feedback: about twice the target time for a review, three times for a first sight. */
const reviewMinutes = (q: PlanQuestion) => (2 * q.targetSeconds) / 60;
const newMinutes = (q: PlanQuestion) => (3 * q.targetSeconds) / 60;
const PITCH_MINUTES = 10;
/** The share of a day's minutes that first sights of new questions may take. */
const NEW_SHARE = 0.6;
const MOCK_MINUTES = 45;
const DAY_BEFORE_MINUTES = 30;

export const MOCK_OPENER = 'tell-me-about-yourself';
export const CLOSING_QUESTION = 'questions-for-us';

export function questionsForRole<Q extends PlanQuestion>(questions: Q[], role: Role | null): Q[] {
  return role ? questions.filter((q) => q.roles.includes(role)) : questions;
}

/** Does this question draw on that lab's figures or stages (`churn:threshold`, `churn.test.recall`)? */
const linksLab = (q: PlanQuestion, lab: string) => q.links.some((l) => l.startsWith(`${lab}:`) || l.startsWith(`${lab}.`));

/**
 * Where the timeline splits, as day indexes from 0 (today) to `last` (the day before the
 * interview, always light). The build phase is the first quarter; new questions stop a quarter
 * before the end so each gets a review before the day; mocks fill the last quarter.
 */
export function phases(totalDays: number): { build: number; introEnd: number; mockStart: number; last: number } {
  const last = totalDays - 1;
  const working = last; // days before the light last day
  const quarter = Math.max(1, Math.ceil(working / 4));
  const build = working <= 0 ? 0 : Math.min(working, quarter);
  const mockStart = working <= 1 ? working : Math.max(1, working - quarter);
  // at least one day to introduce questions, when there is a working day at all
  const introEnd = working <= 0 ? 0 : Math.max(1, mockStart);
  return { build, introEnd, mockStart, last };
}

/** Cards are rated Good at each due date: the review load a candidate who keeps up will see. */
function forecastReviews(input: PlanInput, days: string[], introducedOn: Map<string, string>, byId: Map<string, PlanQuestion>): Map<string, string[]> {
  const scheduler = fsrs(generatorParameters({ request_retention: input.retention, enable_fuzz: false }));
  const perDay = new Map<string, string[]>(days.map((d) => [d, []]));
  const simulate = (id: string, start: Card, from: number) => {
    let card = start;
    for (let i = from; i < days.length; i++) {
      const day = days[i]!;
      // a card can come back the same day (learning steps): each due review that day counts once
      for (let guard = 0; card.due <= endOfDay(day) && guard < 8; guard++) {
        const at = card.due > middayOf(day) ? card.due : middayOf(day);
        card = scheduler.next(card, at, Rating.Good).card;
        if (!perDay.get(day)!.includes(id)) perDay.get(day)!.push(id);
      }
    }
  };
  for (const [id, card] of input.cards) if (byId.has(id)) simulate(id, card, 0);
  for (const [id, day] of introducedOn) {
    const index = days.indexOf(day);
    const first = scheduler.next(createEmptyCard(middayOf(day)), middayOf(day), Rating.Good).card;
    // the learning steps on the day a question is introduced belong to the "new" task
    let card = first;
    for (let guard = 0; card.due <= endOfDay(day) && guard < 8; guard++) card = scheduler.next(card, card.due, Rating.Good).card;
    simulate(id, card, index + 1);
  }
  return perDay;
}

/** Questions for a mock interview: the opener, two behavioural, two project, one SQL, one statistics; a different set each time. */
export function mockSet(questions: PlanQuestion[], round: number): string[] {
  const pick = (kinds: string[], n: number) => {
    const pool = questions.filter((q) => kinds.includes(q.kind) && q.id !== MOCK_OPENER && q.id !== CLOSING_QUESTION);
    if (!pool.length) return [];
    return Array.from({ length: Math.min(n, pool.length) }, (_, i) => pool[(round * n + i) % pool.length]!.id);
  };
  const opener = questions.some((q) => q.id === MOCK_OPENER) ? [MOCK_OPENER] : [];
  // a role without SQL or statistics questions (mle) gets a technical and a system-design one instead
  const has = (kind: string) => questions.some((q) => q.kind === kind);
  return [...opener, ...pick(['behavioural'], 2), ...pick(['project'], 2), ...pick([has('sql') ? 'sql' : 'technical'], 1), ...pick([has('stats') ? 'stats' : 'system-design'], 1)];
}

/** Questions for the role that the plan does not introduce (the time is too short for them all). */
export function unplannedQuestions(plan: InterviewPlan, questions: PlanQuestion[], cards: ReadonlyMap<string, unknown>): string[] {
  const planned = new Set(plan.days.flatMap((d) => d.tasks.filter((t) => t.kind === 'new').flatMap((t) => t.questions ?? [])));
  return questionsForRole(questions, plan.role).filter((q) => !cards.has(q.id) && !planned.has(q.id)).map((q) => q.id);
}

/** The plan from `now`'s day to the day before the interview. */
export function buildPlan(input: PlanInput): InterviewPlan {
  const today = dayOf(input.now);
  const totalDays = daysBetween(today, input.interview);
  if (totalDays < 1) throw new RangeError(`the interview (${input.interview}) must be after today (${today})`);
  const days = Array.from({ length: totalDays }, (_, i) => addDays(today, i));
  const { build, introEnd, mockStart, last } = phases(totalDays);
  const questions = questionsForRole(input.questions, input.role);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const roleKey = input.role ?? 'any';
  const roleFlag = input.role ? ` --role ${input.role}` : '';
  const project = pitchProject(input.role);
  const tasks: PlanTask[][] = days.map(() => []);
  const minutes: number[] = days.map(() => 0);
  const add = (i: number, task: PlanTask, mins: number) => {
    tasks[i]!.push(task);
    minutes[i]! += mins;
  };

  // 1. Rebuild the projects: one lab a day through the build phase, then explain its figures.
  // with no working day before the light one (interview tomorrow), there is no time to rebuild a project
  const labs = build > 0 ? labsForRole[roleKey] : [];
  labs.forEach((step, n) => {
    const i = Math.min(n, build - 1);
    add(i, { kind: 'lab', what: step.what, command: step.command }, step.minutes);
    if (!step.story) return;
    // project questions on the lab, and the cards that ask for your own figures from it
    const toExplain = questions.filter((q) => (q.kind === 'project' || q.topics.includes('your-numbers')) && linksLab(q, step.lab)).map((q) => q.id);
    if (!toExplain.length) return;
    const j = Math.min(i + 1, Math.max(0, last - 1));
    add(
      j,
      {
        kind: 'explain',
        what: `Explain every ${step.lab} figure you will quote: draft your story from the run, then answer these aloud (rerun \`${step.command}\` until each figure makes sense)`,
        questions: toExplain,
        command: `prep story --project ${step.story}`,
      },
      10 + toExplain.reduce((s, id) => s + reviewMinutes(byId.get(id)!), 0) / 2,
    );
  });

  // 2. New questions, spread evenly before the mock phase, in the order the drill introduces them.
  // First sights may take up to NEW_SHARE of the daily budget (reviews and practice need the rest);
  // when the bank does not fit, the rest is left out and `unplanned` says how many.
  const unseen = questions.filter((q) => !input.cards.has(q.id));
  const introducedOn = new Map<string, string>();
  if (introEnd > 0 && unseen.length) {
    const meanNew = unseen.reduce((s, q) => s + newMinutes(q), 0) / unseen.length;
    const perDay = Math.max(1, Math.min(Math.ceil(unseen.length / introEnd), Math.floor((NEW_SHARE * input.minutesPerDay) / meanNew)));
    for (let i = 0; i < introEnd && i * perDay < unseen.length; i++) {
      const batch = unseen.slice(i * perDay, (i + 1) * perDay);
      for (const q of batch) introducedOn.set(q.id, days[i]!);
      add(
        i,
        { kind: 'new', what: `${batch.length} new question(s), after today's reviews`, questions: batch.map((q) => q.id), // the plan names its questions; the drill interleaves new cards by topic, so ask for these by id
        command: `prep drill ${batch.map((q) => `--id ${q.id}`).join(' ')}` },
        batch.reduce((s, q) => s + newMinutes(q), 0),
      );
    }
  }

  // 3. Reviews each day, forecast with ts-fsrs (none on the light last day).
  const reviews = forecastReviews(input, days, introducedOn, byId);
  days.forEach((day, i) => {
    const due = reviews.get(day)!;
    if (i === last || !due.length) return;
    add(i, { kind: 'review', what: `${due.length} review(s) due (forecast with FSRS at ${Math.round(100 * input.retention)}% retention)`, questions: due, command: `prep drill${roleFlag} --due-only` }, due.reduce((s, id) => s + reviewMinutes(byId.get(id)!), 0));
  });

  // 4. Pitch practice: every other day from the middle on, and before each mock.
  const pitchFrom = Math.min(build, Math.max(0, last - 1));
  for (let i = pitchFrom; i < last; i += 2) add(i, { kind: 'pitch', what: `Say your 90-second ${project} pitch aloud, timed`, command: `prep pitch --seconds 90 --project ${project}` }, PITCH_MINUTES);

  // 5. Mock interviews every other day in the last stretch, ending the day before the light day.
  // each mock day gets its own question set, and its command asks for that set
  for (let i = last - 1, set = 0; i >= mockStart && i >= 0; i -= 2, set++) {
    add(i, { kind: 'mock', what: 'Mock interview: answer these aloud in order, timed; feedback comes at the end', questions: mockSet(questions, set), command: `prep mock${roleFlag} --set ${set}` }, MOCK_MINUTES);
  }

  // 6. Exercises fill what is left of each day's budget, before the mock phase.
  const preference = exercisePreference[roleKey];
  const todo = input.exercises.filter((e) => !input.exercisesDone.has(e.id)).sort((a, b) => preference.indexOf(a.kind) - preference.indexOf(b.kind));
  for (let i = 0; i < Math.max(1, mockStart) && i < last && todo.length; i++) {
    // at least one a day in this phase, so a tight budget still moves the exercises forward
    for (let n = 0; todo.length && (n === 0 || minutes[i]! + exerciseMinutes[todo[0]!.difficulty] <= input.minutesPerDay); n++) {
      const e = todo.shift()!;
      add(i, { kind: 'exercise', what: `${e.kind.toUpperCase()} exercise: ${e.title}`, command: `prep exercise start ${e.id}` }, exerciseMinutes[e.difficulty]);
    }
  }

  // 7. The day before: logistics, both pitches once, your numbers, your questions for them.
  add(
    last,
    { kind: 'day-before', what: 'Light day. Check the logistics (time, place or link, who you meet), reread your numbers sheet, and no new material', command: `prep story --project ${project}` },
    DAY_BEFORE_MINUTES,
  );
  add(last, { kind: 'pitch', what: `Say the 30-second and the 90-second ${project} pitch once each`, command: `prep pitch --seconds 30 --project ${project}` }, PITCH_MINUTES);
  if (byId.has(CLOSING_QUESTION)) add(last, { kind: 'day-before', what: 'Pick the two or three questions you will ask them', questions: [CLOSING_QUESTION], command: `prep content show ${CLOSING_QUESTION}` }, 5);

  const order: TaskKind[] = ['day-before', 'review', 'lab', 'explain', 'new', 'pitch', 'mock', 'exercise'];
  return {
    interview: input.interview,
    role: input.role,
    days: days.map((date, i) => ({ date, minutes: Math.round(minutes[i]!), tasks: [...tasks[i]!].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)) })),
  };
}

/** What the candidate really did, read from state.db (reviews, runs, exercises, pitches, mocks). */
export interface PlanProgress {
  /** Every drill rating: question, rating 1-4, when, and whether the card had been seen before. */
  reviews: { questionId: string; rating: number; at: Date; firstSight: boolean }[];
  /** Completed lab runs. */
  runs: { lab: string; at: Date }[];
  /** When each metric (lab.key) was first recorded on a completed run. */
  figures: { key: string; at: Date }[];
  /** Timed pitches (`prep pitch`). */
  pitches: { project: string; targetSeconds: number; at: Date }[];
  /** Finished mock interviews, by question set. */
  mocks: { set: number; at: Date }[];
  /** Exercises whose last check passed, with when. */
  exercisesDone: { id: string; at: Date }[];
}

export interface TaskProgress {
  /** true done, false not yet, null when prep does not record this kind of practice. */
  done: boolean | null;
  detail: string;
}

/** How far a planned task is done, on its day, from what was recorded. */
export function taskProgress(task: PlanTask, date: string, progress: PlanProgress): TaskProgress {
  const until = endOfDay(date);
  const reviewedBy = (id: string, minRating = 1) => progress.reviews.some((r) => r.questionId === id && r.rating >= minRating && r.at <= until);
  const count = (ids: string[], test: (id: string) => boolean) => {
    const n = ids.filter(test).length;
    return { done: n === ids.length, detail: `${n}/${ids.length}` };
  };
  switch (task.kind) {
    case 'lab': {
      const step = Object.values(labSteps).find((s) => s.command === task.command);
      const lab = step?.lab ?? task.command.split(' ')[2]!;
      const done = step?.proof ? progress.figures.some((f) => f.key === step.proof && f.at <= until) : progress.runs.some((r) => r.lab === lab && r.at <= until);
      return { done, detail: done ? 'run recorded' : step?.proof ? `no ${step.proof} recorded yet` : 'no run yet' };
    }
    case 'new':
      return count(task.questions ?? [], (id) => reviewedBy(id));
    case 'explain':
      // "can explain" = answered and rated Good or Easy at least once
      return count(task.questions ?? [], (id) => reviewedBy(id, 3));
    case 'review': {
      const ids = task.questions ?? [];
      const n = ids.filter((id) => progress.reviews.some((r) => r.questionId === id && !r.firstSight && dayOf(r.at) === date)).length;
      return { done: n >= ids.length, detail: `${n}/${ids.length}` };
    }
    case 'exercise': {
      const id = task.command.split(' ')[3]!;
      const done = progress.exercisesDone.some((e) => e.id === id && e.at <= until);
      return { done, detail: done ? 'passed' : 'not passed yet' };
    }
    case 'pitch': {
      // a timed pitch of the length and project the command names, on that day
      const seconds = Number(/--seconds (\d+)/.exec(task.command)?.[1] ?? 0);
      const project = /--project (\w+)/.exec(task.command)?.[1];
      const done = progress.pitches.some((p) => p.targetSeconds === seconds && p.project === project && dayOf(p.at) === date);
      return { done, detail: done ? 'pitch timed' : 'no timed pitch yet' };
    }
    case 'mock': {
      // each mock day names its question set (--set N); a finished mock of that set ticks it
      const set = Number(/--set (\d+)/.exec(task.command)?.[1] ?? 0);
      const done = progress.mocks.some((m) => m.set === set && m.at <= until);
      return { done, detail: done ? 'mock finished' : 'no mock yet' };
    }
    default:
      return { done: null, detail: 'not recorded by prep: tick it yourself' };
  }
}

export interface PlanStanding {
  /** Days of the plan up to and including today. */
  daysElapsed: number;
  daysLeft: number;
  /** Trackable tasks planned up to today, and how many of them are done. */
  planned: number;
  done: number;
  /** Positive: ahead by that many tasks (done early from later days); negative: behind. */
  ahead: number;
  behind: { date: string; kind: TaskKind; what: string; detail: string }[];
}

/** Progress against the plan: trackable tasks due by today that are done, and tasks done ahead of time. */
export function planStanding(plan: InterviewPlan, progress: PlanProgress, now: Date): PlanStanding {
  const today = dayOf(now);
  let planned = 0;
  let done = 0;
  let early = 0;
  const behind: PlanStanding['behind'] = [];
  for (const day of plan.days) {
    for (const task of day.tasks) {
      if (task.kind === 'review') continue; // a forecast, not a commitment: reviews move with ratings
      // a pitch is practice repeated on its days: it counts on its own day, and cannot be done early
      const recurring = task.kind === 'pitch';
      if (day.date <= today) {
        const p = taskProgress(task, recurring ? day.date : today, progress);
        if (p.done === null) continue;
        planned++;
        if (p.done) done++;
        else behind.push({ date: day.date, kind: task.kind, what: task.what, detail: p.detail });
      } else if (!recurring && taskProgress(task, today, progress).done) early++;
    }
  }
  return { daysElapsed: plan.days.filter((d) => d.date <= today).length, daysLeft: plan.days.filter((d) => d.date > today).length, planned, done, ahead: early - (planned - done), behind };
}

/**
 * Predicted recall on the interview morning: FSRS retrievability of each card at that time,
 * averaged per topic (a question never seen counts as 0: it is not recalled).
 */
export function recallOnInterview(questions: PlanQuestion[], cards: ReadonlyMap<string, Card>, interview: string, retention: number): { topic: string; questions: number; seen: number; recall: number }[] {
  const scheduler = fsrs(generatorParameters({ request_retention: retention }));
  const at = new Date(`${interview}T09:00:00Z`);
  const topics = new Map<string, { questions: number; seen: number; sum: number }>();
  for (const q of questions) {
    const topic = q.topics[0] ?? 'other';
    const e = topics.get(topic) ?? { questions: 0, seen: 0, sum: 0 };
    e.questions++;
    const card = cards.get(q.id);
    if (card) {
      e.seen++;
      e.sum += card.last_review ? scheduler.get_retrievability(card, at, false) : 0;
    }
    topics.set(topic, e);
  }
  return [...topics.entries()].map(([topic, e]) => ({ topic, questions: e.questions, seen: e.seen, recall: e.sum / e.questions })).sort((a, b) => a.recall - b.recall || a.topic.localeCompare(b.topic));
}

/**
 * The scheduler and the interview date (point 3 of issue 16): a review FSRS schedules after the
 * interview is useless for it; what matters is recall on the day. When the card's retrievability
 * on the interview morning would fall below `retention`, the review is brought forward to the
 * last day before the interview on which it still meets it, so weak cards come back in time.
 * A due date before the interview is kept. For the drill's scheduler to call after each rating.
 */
export function dueForInterview(card: Card, interview: string, retention: number, now: Date): Date {
  const morning = new Date(`${interview}T09:00:00Z`);
  if (card.due <= morning || !card.last_review) return card.due;
  const scheduler = fsrs(generatorParameters({ request_retention: retention }));
  if (scheduler.get_retrievability(card, morning, false) >= retention) return card.due;
  // the latest day before the interview whose retrievability still meets the target (at least tomorrow)
  const dayBefore = addDays(interview, -1);
  let day = dayOf(now) < dayBefore ? addDays(dayOf(now), 1) : dayBefore;
  while (day < dayBefore && scheduler.get_retrievability(card, middayOf(addDays(day, 1)), false) >= retention) day = addDays(day, 1);
  return middayOf(day);
}
