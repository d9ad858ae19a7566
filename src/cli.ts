/**
 * The commander tree: the program's own options and help, then one registration per command.
 * Each command's definition lives in its file, beside its handler; handlers import their modules
 * when they run, so `prep --help` loads neither React/Ink nor SQLite. Errors and exit codes are
 * mapped in main.ts.
 */
import { Command } from 'commander';
import { packageVersion } from './env.js';
import { defineContent } from './commands/content.js';
import { defineData } from './commands/data/index.js';
import { defineDrill } from './commands/drill.js';
import { defineExercise } from './commands/exercise.js';
import { defineExplain } from './commands/explain.js';
import { defineFeedback } from './commands/feedback.js';
import { defineLab } from './commands/lab/index.js';
import { defineMock } from './commands/mock.js';
import { examples } from './commands/options.js';
import { definePitch } from './commands/pitch.js';
import { definePlan } from './commands/plan.js';
import { defineRuns } from './commands/runs.js';
import { defineStats } from './commands/stats.js';
import { defineStory } from './commands/story.js';
import { defineWalkthrough } from './commands/walkthrough.js';

export function buildProgram(): Command {
  const program = new Command('prep')
    .description(
      'Interview preparation for ML engineers and data scientists: labs that really run on bundled data, ' +
        'so every number you quote in an interview comes from a run you did.',
    )
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'print stack traces for unexpected errors')
    .showHelpAfterError('(run with --help for usage)')
    // options belong to the command they follow: `lab churn drift --json` is drift's --json, not churn's
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'prep: ')) });
  program.addHelpText(
    'after',
    `\nData lives in $PREP_HOME, else $XDG_DATA_HOME/prep, else ~/.local/share/prep.\nSet NO_COLOR=1 for plain output; most commands take --json for scripts.` +
      examples(['prep data list', 'prep data sql telco "SELECT Contract, AVG(Churn = \'Yes\') AS churn_rate FROM telco GROUP BY Contract"', 'prep runs list']),
  );

  // in the order `prep --help` lists them
  defineData(program);
  defineRuns(program);
  defineLab(program);
  defineStory(program);
  defineContent(program);
  defineDrill(program);
  definePlan(program);
  defineMock(program);
  defineFeedback(program);
  defineStats(program);
  defineWalkthrough(program);
  definePitch(program);
  defineExercise(program);
  defineExplain(program);
  return program;
}
