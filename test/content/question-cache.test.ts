import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadQuestionsCached } from '../../src/content/question-cache.js';
import { loadQuestions } from '../../src/content/questions.js';
import { makeTempHome, repoRoot } from '../helpers/home.js';

function contentCopy(): { dir: string; root: string } {
  const root = makeTempHome('prep-content-');
  cpSync(join(repoRoot, 'content/questions'), join(root, 'questions'), { recursive: true });
  return { dir: join(root, 'questions'), root };
}

describe('question cache', () => {
  it('gives what parsing gives, from the cache file on the second load', async () => {
    const { dir, root } = contentCopy();
    const home = makeTempHome();
    const fresh = loadQuestions(dir, root);
    expect(await loadQuestionsCached(dir, root, home)).toEqual(fresh);
    const cache = join(home, 'cache', 'questions.json');
    // a marker planted in the cache is served back: proof the second load read it
    const planted = JSON.parse(readFileSync(cache, 'utf8'));
    planted.questions[0].title = 'FROM THE CACHE';
    writeFileSync(cache, JSON.stringify(planted));
    expect((await loadQuestionsCached(dir, root, home)).questions[0]!.title).toBe('FROM THE CACHE');
  });

  it('parses again when a file changes, and survives a corrupt cache', async () => {
    const { dir, root } = contentCopy();
    const home = makeTempHome();
    const first = await loadQuestionsCached(dir, root, home);
    const q = first.questions.find((x) => x.id === 'data-leakage')!;
    const path = join(root, q.file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: Edited by a mentor'));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect((await loadQuestionsCached(dir, root, home)).questions.find((x) => x.id === 'data-leakage')!.title).toBe('Edited by a mentor');
    writeFileSync(join(home, 'cache', 'questions.json'), '{not json');
    expect((await loadQuestionsCached(dir, root, home)).questions).toHaveLength(first.questions.length);
  });
});
