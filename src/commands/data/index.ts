/**
 * `prep data ...`: each subcommand's definition lives in its own file, with its handler. Handlers
 * import their modules (SQLite and the rest) when they run, so building the command tree for
 * `prep --help` loads none of them.
 */
import type { Command } from 'commander';
import { defineBuild } from './build.js';
import { defineImport } from './import.js';
import { defineInfo } from './info.js';
import { defineList } from './list.js';
import { defineSql } from './sql.js';

export function defineData(program: Command): void {
  const data = program.command('data').description('inspect, build, query and import datasets (bundled: telco, retail)').exitOverride();
  defineList(data);
  defineInfo(data);
  defineBuild(data);
  defineSql(data);
  defineImport(data);
}
