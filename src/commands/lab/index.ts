/**
 * `prep lab ...`: each lab's definition lives in its own file, with its handler. Handlers import
 * the lab code (SQLite, the models, the live view) when they run, so building the command tree
 * for `prep --help` loads none of it.
 */
import type { Command } from 'commander';
import { defineAbtest } from './abtest.js';
import { defineChurn } from './churn.js';
import { defineChurnOps } from './churn-ops.js';
import { defineClv, defineSegment } from './segment.js';

export function defineLab(program: Command): void {
  const lab = program.command('lab').description('labs that run a real pipeline on data and record every number they print').exitOverride();
  defineChurnOps(defineChurn(lab));
  defineSegment(lab);
  defineClv(lab);
  defineAbtest(lab);
}
