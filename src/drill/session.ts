/** What a drill session needs: the questions (filtered), the user's runs to fill placeholders, and the queue. */
import { join } from 'node:path';
import { renderPlaceholders } from '../content/placeholders.js';
import { loadQuestionsCached } from '../content/question-cache.js';
import type { ContentProblem, Question } from '../content/questions.js';
import { packageRoot } from '../env.js';
import type { RunStore } from '../data/runs.js';

export interface DrillFilter {
  role?: string;
  topic?: string;
}

export function contentRoot(): string {
  return process.env.PREP_CONTENT ?? join(packageRoot, 'content');
}

/** The question bank (parsed, or from the cache in `home`), filtered by role and topic. */
export async function drillQuestions(filter: DrillFilter = {}, home?: string): Promise<{ questions: Question[]; problems: ContentProblem[] }> {
  const root = contentRoot();
  const { questions, problems } = await loadQuestionsCached(join(root, 'questions'), root, home);
  const topic = filter.topic?.toLowerCase();
  return {
    questions: questions.filter(
      (q) => (!filter.role || q.roles.includes(filter.role as Question['roles'][number])) && (!topic || q.id === topic || q.topics.some((t) => t.toLowerCase().includes(topic)) || q.file.includes(`/${topic}/`)),
    ),
    problems,
  };
}

/** The model answer with {{lab.key}} filled from the newest run that recorded each key. */
export function modelAnswer(question: Question, store: RunStore): string {
  return renderPlaceholders(question.sections['Model answer'], (lab, key) => {
    const run = store.latest(lab, key);
    if (!run) return undefined;
    const m = store.metric(run.id, key)!;
    return { value: m.value, runId: run.id, unit: m.unit };
  });
}
