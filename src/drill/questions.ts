/**
 * The drill's question bank: questions loaded (or read from the cache) and filtered by role, topic
 * or id; the group a question belongs to (its content folder, for interleaving); and the model
 * answer with figures filled from the user's runs.
 */
import { join } from 'node:path';
import { renderPlaceholders } from '../content/placeholders.js';
import { loadQuestionsCached } from '../content/question-cache.js';
import type { ContentProblem, Question } from '../content/questions.js';
import { packageRoot } from '../env.js';
import type { RunStore } from '../data/runs.js';

export interface DrillFilter {
  role?: string;
  topic?: string;
  /** Exactly these questions (in this order), whatever their role or topic. */
  ids?: string[];
}

/** The content folder: PREP_CONTENT when set (mentors testing their own questions), else the bundled one. */
export function contentRoot(): string {
  return process.env.PREP_CONTENT ?? join(packageRoot, 'content');
}

/** Whether a question is on `topic`: its id, one of its topics (by substring), or its folder. */
export function matchesTopic(question: Pick<Question, 'id' | 'topics' | 'file'>, topic: string): boolean {
  const t = topic.toLowerCase();
  return question.id === t || question.topics.some((x) => x.toLowerCase().includes(t)) || question.file.includes(`/${t}/`);
}

/** The question's folder under questions/ (behavioural, sql, ml-project, ...): the unit new cards rotate through. */
export function questionGroup(question: Pick<Question, 'file' | 'topics'>): string {
  const parts = question.file.split(/[\\/]/);
  const at = parts.indexOf('questions');
  return at >= 0 && parts.length > at + 2 ? parts[at + 1]! : (question.topics[0] ?? 'other');
}

/** The question bank (parsed, or from the cache in `home`), filtered by role and topic, or picked by id. */
export async function drillQuestions(filter: DrillFilter = {}, home?: string): Promise<{ questions: Question[]; problems: ContentProblem[]; unknownIds: string[] }> {
  const root = contentRoot();
  const { questions, problems } = await loadQuestionsCached(join(root, 'questions'), root, home);
  if (filter.ids?.length) {
    const byId = new Map(questions.map((q) => [q.id, q]));
    const ids = [...new Set(filter.ids)];
    return { questions: ids.filter((id) => byId.has(id)).map((id) => byId.get(id)!), problems, unknownIds: ids.filter((id) => !byId.has(id)) };
  }
  return {
    questions: questions.filter((q) => (!filter.role || q.roles.includes(filter.role as Question['roles'][number])) && (!filter.topic || matchesTopic(q, filter.topic))),
    problems,
    unknownIds: [],
  };
}

/**
 * The model answer with {{lab.key}} filled from the newest run that recorded each key, on one
 * dataset per lab (the newest complete run's), so an answer never mixes figures from two datasets.
 */
export function modelAnswer(question: Question, store: RunStore): string {
  const datasets = new Map<string, string | undefined>();
  const datasetOf = (lab: string) => {
    if (!datasets.has(lab)) datasets.set(lab, store.latest(lab)?.datasetName ?? undefined);
    return datasets.get(lab);
  };
  return renderPlaceholders(question.sections['Model answer'], (lab, key) => {
    const run = store.latest(lab, key, datasetOf(lab));
    if (!run) return undefined;
    const m = store.metric(run.id, key)!;
    return { value: m.value, runId: run.id, unit: m.unit };
  });
}
