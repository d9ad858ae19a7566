/**
 * The parsed question bank, cached in the data home, so that `prep drill` starts without loading
 * the front-matter parser and the schema library: gray-matter and zod took about 200 ms of the
 * drill's start on the CI machine, against a few ms to read the cache. The cache is keyed by prep's
 * version and by the path, size and modification time of every question file, so a file a mentor
 * edits, adds or removes is parsed (and linted) again on the next start.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dataHome, packageVersion } from '../env.js';
import { listMarkdown } from './files.js';
import type { ContentProblem, Question } from './questions.js';

// 2: questions carry their optional worked example answer
const cacheFormat = 'prep.question-cache/2';

interface CacheFile {
  format: string;
  key: string;
  questions: Question[];
  problems: ContentProblem[];
}

function cacheKey(dir: string): string {
  const hash = createHash('sha256').update(`${cacheFormat}\0${packageVersion()}\0${dir}`);
  for (const path of listMarkdown(dir)) {
    const s = statSync(path);
    hash.update(`\0${relative(dir, path)}\0${s.size}\0${s.mtimeMs}`);
  }
  return hash.digest('hex');
}

export async function loadQuestionsCached(dir: string, root: string, home = dataHome()): Promise<{ questions: Question[]; problems: ContentProblem[] }> {
  const key = cacheKey(dir);
  const file = join(home, 'cache', 'questions.json');
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (cached.format === cacheFormat && cached.key === key) return { questions: cached.questions, problems: cached.problems };
  } catch {
    // no cache yet, or an unreadable one: parse the files
  }
  const { loadQuestions } = await import('./questions.js');
  const loaded = loadQuestions(dir, root);
  try {
    mkdirSync(join(home, 'cache'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ format: cacheFormat, key, ...loaded } satisfies CacheFile));
    renameSync(tmp, file); // atomic: a concurrent start reads the old cache or the new one, never half
  } catch {
    // a read-only data home only costs the parse on every start
  }
  return loaded;
}
