/** What the plan reads back from state.db: the plan in force, mocks, pitches, and the progress rows, written by hand. */
import { afterEach, describe, expect, it } from 'vitest';
import { closeState, openState } from '../../src/data/state.js';
import { currentPlan, pitchHistory, readProgress, saveMockSession, savePitch, savePlan } from '../../src/drill/plan-store.js';
import { makeTempHome } from '../helpers/home.js';

afterEach(() => closeState());

describe('plan store', () => {
  it('keeps the newest plan in force', () => {
    const db = openState({ home: makeTempHome() });
    expect(currentPlan(db)).toBeUndefined();
    const plan = { interview: '2026-12-20', role: 'ds' as const, days: [] };
    savePlan(db, { interview: '2026-12-20', role: 'ds', minutesPerDay: 45, startDay: '2026-12-01', plan }, new Date('2026-12-01T09:00:00Z'));
    savePlan(db, { interview: '2026-12-22', role: null, minutesPerDay: 30, startDay: '2026-12-02', plan: { ...plan, interview: '2026-12-22', role: null } }, new Date('2026-12-02T09:00:00Z'));
    expect(currentPlan(db)).toEqual({ interview: '2026-12-22', role: null, minutesPerDay: 30, startDay: '2026-12-02', plan: { interview: '2026-12-22', role: null, days: [] }, createdAt: '2026-12-02T09:00:00.000Z' });
  });

  it('reads back what the candidate did: ok runs only, each figure first seen at its run\'s start, passed exercises, mocks, pitches, first sights', () => {
    const db = openState({ home: makeTempHome() });
    const run = (id: string, lab: string, at: string, status: string) => db.prepare(`INSERT INTO runs (id, lab, params, code_version, started_at, status) VALUES (?, ?, '{}', 'test', ?, ?)`).run(id, lab, at, status);
    const metric = (runId: string, key: string) => db.prepare(`INSERT INTO metrics (run_id, key, value, stage, formula) VALUES (?, ?, 1, 's', 'f')`).run(runId, key);
    run('r1', 'churn', '2026-12-02T10:00:00.000Z', 'ok');
    run('r2', 'churn', '2026-12-01T10:00:00.000Z', 'ok');
    run('r3', 'segment', '2026-11-30T10:00:00.000Z', 'failed');
    metric('r1', 'serve.latencyP95Ms');
    metric('r1', 'test.auc');
    metric('r2', 'test.auc');
    metric('r3', 'kmeans.silhouette');
    db.prepare(`INSERT INTO exercise_progress (exercise_id, attempts, status, last_checked_at) VALUES ('e1', 2, 'done', '2026-12-03T10:00:00.000Z'), ('e2', 1, 'attempted', '2026-12-03T11:00:00.000Z')`).run();
    saveMockSession(db, { role: 'ds', set: 2, summary: { x: 1 } }, new Date('2026-12-04T10:00:00Z'));
    savePitch(db, { project: 'churn', targetSeconds: 90, seconds: 88.5, rating: 3, at: new Date('2026-12-05T10:00:00Z') });
    db.prepare(`INSERT INTO drill_reviews (question_id, rating, reviewed_at, answer, feedback, card_before, due_after) VALUES ('q', 3, '2026-12-01T10:00:00.000Z', '', '{}', NULL, 'x'), ('q', 1, '2026-12-02T10:00:00.000Z', '', '{}', '{}', 'x')`).run();
    const p = readProgress(db);
    expect(p.runs.sort((a, b) => a.at.getTime() - b.at.getTime())).toEqual([
      { lab: 'churn', at: new Date('2026-12-01T10:00:00Z') },
      { lab: 'churn', at: new Date('2026-12-02T10:00:00Z') },
    ]);
    expect(p.figures.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'churn.serve.latencyP95Ms', at: new Date('2026-12-02T10:00:00Z') },
      { key: 'churn.test.auc', at: new Date('2026-12-01T10:00:00Z') },
    ]);
    expect(p.exercisesDone).toEqual([{ id: 'e1', at: new Date('2026-12-03T10:00:00Z') }]);
    expect(p.mocks).toEqual([{ set: 2, at: new Date('2026-12-04T10:00:00Z') }]);
    expect(p.pitches).toEqual([{ project: 'churn', targetSeconds: 90, at: new Date('2026-12-05T10:00:00Z') }]);
    expect(p.reviews).toEqual([
      { questionId: 'q', rating: 3, at: new Date('2026-12-01T10:00:00Z'), firstSight: true },
      { questionId: 'q', rating: 1, at: new Date('2026-12-02T10:00:00Z'), firstSight: false },
    ]);
  });

  it('lists timed pitches newest first, up to a limit', () => {
    const db = openState({ home: makeTempHome() });
    for (let i = 1; i <= 3; i++) savePitch(db, { project: 'churn', targetSeconds: 30, seconds: 30 + i, rating: null, at: new Date(`2026-12-0${i}T10:00:00Z`) });
    expect(pitchHistory(db).map((p) => p.seconds)).toEqual([33, 32, 31]);
    expect(pitchHistory(db, 2).map((p) => p.seconds)).toEqual([33, 32]);
    expect(pitchHistory(db)[0]).toEqual({ project: 'churn', targetSeconds: 30, seconds: 33, rating: null, at: new Date('2026-12-03T10:00:00Z') });
  });
});
