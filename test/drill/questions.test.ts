/** The drill's question bank in process: topic matching, groups for interleaving, filters by role, topic and id. */
import { describe, expect, it } from 'vitest';
import { drillQuestions, matchesTopic, questionGroup } from '../../src/drill/questions.js';
import { makeTempHome } from '../helpers/home.js';

describe('question bank helpers', () => {
  const q = { id: 'precision-recall-tradeoff', topics: ['metrics', 'Thresholds'], file: 'content/questions/ml-project/precision-recall.md' };
  it('matches a topic by id, by part of a topic (any case), or by folder', () => {
    expect(matchesTopic(q, 'precision-recall-tradeoff')).toBe(true);
    expect(matchesTopic(q, 'THRESHOLD')).toBe(true);
    expect(matchesTopic(q, 'metric')).toBe(true);
    expect(matchesTopic(q, 'ml-project')).toBe(true);
    expect(matchesTopic(q, 'ml')).toBe(false); // not a folder of its own, nor in a topic
    expect(matchesTopic(q, 'sql')).toBe(false);
    expect(matchesTopic(q, 'precision')).toBe(false);
  });
  it('groups a question by its folder under questions/, else by its first topic, else "other"', () => {
    expect(questionGroup(q)).toBe('ml-project');
    expect(questionGroup({ file: 'C:\\prep\\content\\questions\\sql\\x.md', topics: [] })).toBe('sql');
    expect(questionGroup({ file: 'content/questions/x.md', topics: ['stats'] })).toBe('stats');
    expect(questionGroup({ file: '(your runs)/churn/test.auc', topics: ['your-numbers'] })).toBe('your-numbers');
    expect(questionGroup({ file: 'x.md', topics: [] })).toBe('other');
  });
  it('filters the bundled bank by role and topic, and picks by id in the order asked, naming unknown ids', async () => {
    const home = makeTempHome();
    const all = (await drillQuestions({}, home)).questions;
    const mle = (await drillQuestions({ role: 'mle' }, home)).questions;
    expect(mle.length).toBeGreaterThan(0);
    expect(mle.length).toBeLessThan(all.length);
    expect(mle.every((x) => x.roles.includes('mle'))).toBe(true);
    const sql = (await drillQuestions({ topic: 'sql' }, home)).questions;
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.every((x) => matchesTopic(x, 'sql'))).toBe(true);
    const both = (await drillQuestions({ role: 'analyst', topic: 'sql' }, home)).questions;
    expect(both.every((x) => x.roles.includes('analyst') && matchesTopic(x, 'sql'))).toBe(true);
    const [a, b] = [all[3]!.id, all[0]!.id];
    const picked = await drillQuestions({ ids: [a, 'nope', b, a], role: 'nobody' }, home);
    expect(picked.questions.map((x) => x.id)).toEqual([a, b]);
    expect(picked.unknownIds).toEqual(['nope']);
    expect((await drillQuestions({ ids: [] }, home)).questions).toHaveLength(all.length);
  });
});
