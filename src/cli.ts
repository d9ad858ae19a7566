/**
 * The commander tree. Every action imports its command module lazily, so `prep --help` loads
 * neither React/Ink nor SQLite. Commands register here only when they work.
 */
import { Command, Option } from 'commander';
import { packageVersion } from './env.js';
import { planCommand } from './commands/plan.js';
import { mockCommand } from './commands/mock.js';
import { registerFeedback } from './commands/feedback.js';
import { defineData } from './commands/data/index.js';
import { defineRuns } from './commands/runs.js';
import { defineExercise } from './commands/exercise.js';
import { amount, inputFile, inputFileOrStdin, integer, numberIn, outputFile, port, positiveInt, proportion, seed } from './commands/options.js';

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

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

  defineData(program);

  defineRuns(program);

  // prep lab ... (each lab registers under this parent)
  const lab = program.command('lab').description('labs that run a real pipeline on data and record every number they print').exitOverride();
  const churn = lab
    .command('churn')
    .description('churn prediction end to end: profile, clean, features, CV of 3 models, imbalance, cost threshold, test, TreeSHAP, fairness')
    .option('--dataset <name>', 'a table dataset (bundled: telco, IBM\'s fictional sample)', 'telco')
    .option('--target <column>', 'the yes/no outcome column', 'Churn')
    .option('--positive <value>', 'the target value that means "churned" (default: Yes, or 1 for 0/1 targets)')
    .option('--id-column <column>', 'customer id column (default: customerID if present, else row numbers)')
    .option('--seed <n>', 'seed for splits, folds, SMOTE and the forests', seed, 42)
    .option('--folds <k>', 'cross-validation folds (2 to 20)', integer(2, 20), 5)
    .option('--offer-cost <amount>', 'cost of one retention offer', amount, 50)
    .option('--saved-value <amount>', 'value of keeping a customer who would have churned', amount, 500)
    .option('--success-rate <p>', 'share of targeted churners an offer keeps', numberIn(0, 1), 0.3)
    .option('--examples <n>', 'customers to explain one by one with SHAP', integer(0, 50), 3)
    .addOption(new Option('--calibrate <method>', 'also recalibrate the probabilities (fitted on out-of-fold predictions) and show Brier/ECE before and after').choices(['platt', 'isotonic']))
    .option('--report <file.html>', 'also write a self-contained HTML report', outputFile)
    .option('--json', 'print one JSON object (no live view)')
    .action(async (opts) => (await import('./commands/lab/churn.js')).run(opts))
    .addHelpText(
      'after',
      '\nThe bundled telco data is IBM\'s fictional sample data, not real customers.' +
        examples(['prep lab churn', 'prep lab churn --seed 7 --report churn.html', 'prep lab churn --dataset mychurn --target left --positive 1 --id-column client_id --json']),
    );

  churn
    .command('serve')
    .description('serve the saved model over HTTP: POST /predict, /predict/batch; GET /health, /model, /metrics')
    .option('--run <id>', 'churn run to serve (default: the newest complete one)')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', port, 8080)
    .action(async (opts) => (await import('./commands/lab/churn-ops.js')).serve(opts))
    .addHelpText('after', examples(['prep lab churn serve', 'prep lab churn serve --port 9000 --run churn-2026']));
  churn
    .command('loadtest')
    .description('measure /predict latency (p50/p95/p99) and throughput with autocannon; recorded on the model\'s run')
    .option('--run <id>', 'churn run (default: the newest complete one)')
    .option('--url <url>', 'a server already running (default: start one in this process)')
    .option('--duration <s>', 'seconds to run', integer(1, 3600), 10)
    .option('--connections <n>', 'concurrent connections', integer(1, 1000), 50)
    .option('--json', 'print JSON')
    .action(async (opts) => (await import('./commands/lab/churn-ops.js')).loadtest(opts));
  churn
    .command('drift')
    .description('compare the training data with a current batch, column by column (Evidently defaults), plus prediction and performance drift')
    .option('--run <id>', 'churn run (default: the newest complete one)')
    .addOption(new Option('--scenario <name>', 'a labelled simulation on the held-out rows').choices(['none', 'price-rise', 'new-customers', 'contract-shift']))
    .option('--current <file.csv>', 'a real batch with the training columns (and the target, to compare performance)', inputFile)
    .option('--seed <n>', 'seed for the simulations', seed, 42)
    .option('--save-batch <file.csv>', 'also write the simulated rows, with labels, as a CSV that retrain --current reads', outputFile)
    .option('--report <file.html>', 'also write an HTML drift report: each column\'s test, verdict and reference vs current distribution', outputFile)
    .option('--json', 'print JSON')
    .action(async (opts) => (await import('./commands/lab/churn-ops.js')).drift(opts))
    .addHelpText(
      'after',
      '\nWithout --scenario or --current, the control simulation "none" runs (it should show no drift).' +
        examples(['prep lab churn drift --scenario price-rise', 'prep lab churn drift --scenario price-rise --report drift.html', 'prep lab churn drift --current batch.csv --json', 'prep lab churn drift --scenario price-rise --save-batch batch.csv && prep lab churn retrain --current batch.csv']),
    );
  churn
    .command('retrain')
    .description('retrain on the run\'s data plus a new labelled batch, then compare old and new runs')
    .requiredOption('--current <file.csv>', 'labelled rows with the training columns and the target', inputFile)
    .option('--run <id>', 'churn run to start from (default: the newest complete one)')
    .option('--json', 'print JSON')
    .action(async (opts) => (await import('./commands/lab/churn-ops.js')).retrain(opts));

  lab
    .command('segment')
    .description('customer segmentation on transactions: R1 cleaning, EDA, RFM, K-means, concentration, cohorts, CLV, co-purchase rules')
    .option('--dataset <name>', 'a transactions dataset (bundled: retail, UCI Online Retail, CC BY 4.0)', 'retail')
    .option('--k <k>', 'clusters: auto (best silhouette over 2..8) or a number from 2 to 20', (v: string) => (v === 'auto' ? v : String(integer(2, 20)(v))), 'auto')
    .option('--seed <n>', 'seed for k-means++ and restarts', seed, 42)
    .option('--calibration-end <date>', 'CLV calibration end (default: 13 weeks before the last purchase day)')
    .option('--also-bought <code>', 'show "customers who bought X also bought" for this product code')
    .option('--net-cancellations', 'also rerun RFM, concentration and CLV without the purchases matched to a cancellation, beside R1')
    .option('--customers <file.csv>', 'also write one row per customer: recency, frequency, monetary, RFM scores, segment, cluster, 12-month CLV', outputFile)
    .option('--report <file.html>', 'also write a self-contained HTML report', outputFile)
    .option('--json', 'print one JSON object')
    .action(async (opts) => (await import('./commands/lab/segment.js')).run(opts))
    .addHelpText('after', examples(['prep lab segment', 'prep lab segment --k 4 --report segments.html', 'prep lab segment --net-cancellations --customers crm.csv', 'prep lab segment --dataset shop --json']));
  lab
    .command('clv')
    .description('customer lifetime value alone: BG/NBD + Gamma-Gamma on a calibration period, checked on the hold-out')
    .option('--dataset <name>', 'a transactions dataset', 'retail')
    .option('--calibration-end <date>', 'calibration end (default: 13 weeks before the last purchase day)')
    .option('--json', 'print the clv object')
    .action(async (opts) => (await import('./commands/lab/segment.js')).clv(opts));

  const abtest = lab.command('abtest').description('A/B testing: plan a sample size, analyze a result, simulate A/A and lifts on real baskets');
  abtest
    .command('plan')
    .description('sample size per arm for a conversion-rate test (and for means with --sd)')
    .requiredOption('--baseline <p>', 'current conversion rate, e.g. 0.2', proportion)
    .requiredOption('--mde <d>', 'smallest absolute lift worth detecting, e.g. 0.02', proportion)
    .option('--alpha <a>', 'significance level (two-sided)', proportion, 0.05)
    .option('--power <p>', 'power (1 − beta)', proportion, 0.8)
    .option('--sd <s>', 'standard deviation, for a test of means with the same --mde', numberIn(0, Number.POSITIVE_INFINITY, { open: true }))
    .option('--json', 'print JSON')
    .action(async (opts) => (await import('./commands/lab/abtest.js')).planCommand(opts))
    .addHelpText('after', examples(['prep lab abtest plan --baseline 0.2 --mde 0.02', 'prep lab abtest plan --baseline 0.1 --mde 0.01 --power 0.9 --json']));
  abtest
    .command('analyze')
    .description('test a CSV with columns arm,outcome (0/1 or a number): z-test, chi-square, Welch t, intervals, a plain reading')
    .argument('<file>', 'CSV with a header arm,outcome and exactly two arms', inputFile)
    .option('--alpha <a>', 'significance level', proportion, 0.05)
    .option('--json', 'print JSON')
    .action(async (file, opts) => (await import('./commands/lab/abtest.js')).analyzeCommand(file, opts));
  abtest
    .command('simulate')
    .description('SIMULATION on real invoice totals: A/A false-positive rate, peeking, power for an injected lift')
    .option('--dataset <name>', 'transactions dataset', 'retail')
    .option('--runs <n>', 'A/A runs', integer(1, 100_000), 1000)
    .option('--per-arm <n>', 'invoices per arm', integer(2, 1_000_000), 2000)
    .option('--lift <x>', 'injected relative lift in basket value', proportion, 0.1)
    .option('--looks <n>', 'interim looks for the peeking demonstration', integer(1, 100), 10)
    .option('--alpha <a>', 'significance level', proportion, 0.05)
    .option('--seed <n>', 'seed', seed, 42)
    .option('--json', 'print JSON')
    .action(async (opts) => (await import('./commands/lab/abtest.js')).simulateCommand(opts));

  const story = program
    .command('story')
    .description('draft a STAR story and 30 s / 90 s pitches from your runs: every figure measured by you')
    .addOption(new Option('--project <project>', 'which lab the story is about').choices(['churn', 'segment']).default('churn'))
    .addOption(new Option('--role <role>', 'the role you interview for').choices(['mle', 'ds', 'analyst']).default('mle'))
    .option('--out <file.md>', 'write the draft to a markdown file', outputFile)
    .option('--dataset <name>', 'draw every figure from runs on this dataset (default: the newest complete run\'s)')
    .option('--json', 'print JSON')
    .action(async (opts) => (await import('./commands/story.js')).draft(opts))
    .addHelpText('after', examples(['prep story', 'prep story --project segment --role ds --out story.md', 'prep story check resume.md']));
  story
    .command('check')
    .description('check every figure in a pitch, CV or answer against your runs: backed, differs, no run, suspicious, or a setting you chose (exit 1 unless every result figure is backed)')
    .argument('<file>', 'markdown or plain text; - reads standard input', inputFileOrStdin)
    .option('--json', 'print JSON')
    .action(async (file, opts) => (await import('./commands/story.js')).check(file, opts));

  const content = program.command('content').description('the question bank in content/: show a question whole, lint it all (for mentors)');
  content
    .command('show')
    .description('one question whole, figures filled from your runs: model answer, worked example, pitfalls, follow-ups')
    .argument('<id>', 'question id (its file name under content/questions/)')
    .option('--json', 'print JSON')
    .action(async (id, opts) => (await import('./commands/content.js')).show(id, opts))
    .addHelpText('after', examples(['prep content show conflict-story', 'prep content show tell-me-about-yourself --json']));
  content
    .command('lint')
    .description('check every question: schema, unique ids, placeholders that name recorded metrics, no bare result figures, no ANSI')
    .option('--dir <dir>', 'content folder to check (default: $PREP_CONTENT if set, as for prep drill, else the bundled content/)')
    .option('--exercises <dir>', 'exercises folder to check (default: the bundled exercises/)')
    .option('--quick', 'skip running exercise solutions and stubs')
    .option('--json', 'print JSON')
    .action(async (opts) => (await import('./commands/content.js')).lint(opts));

  program
    .command('drill')
    .description('practise interview questions: answer, get feedback that shows its workings, rate, and FSRS schedules the review')
    .addOption(new Option('--role <role>', 'only questions for this role').choices(['mle', 'ds', 'analyst']))
    .option('--topic <topic>', 'practise the questions on this topic now, due or not (ratings count as reviews, as in Anki\'s custom study)')
    .option('--id <id>', 'practise this question now, due or not (repeatable; ratings count as reviews)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--new <n>', 'new questions after the due ones', integer(0, 1000), 5)
    .addOption(new Option('--order <order>', 'new questions: mixed (each from the topic you have seen least), in-order, or random').choices(['mixed', 'in-order', 'random']).default('mixed'))
    .option('--learn-ahead <minutes>', 'when nothing else is left, show a card on a learning step this early (saved as your setting; default 20)', integer(0, 1440))
    .option('--suspend <id>', 'keep a question (a leech, say) out of drills (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--unsuspend <id>', 'bring a suspended question back (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--due-only', 'only questions due for review')
    .option('--plain', 'line by line without the interactive view (answers from stdin, end each with a line ".")')
    .option('--retention <p>', 'desired retention for FSRS scheduling, saved as your setting (default 0.9)', numberIn(0.7, 0.99))
    .action(async (opts) => (await import('./commands/drill.js')).run(opts))
    .addHelpText('after', examples(['prep drill', 'prep drill --role mle --topic drift', 'prep drill --id conflict-story --id data-leakage', 'prep drill --plain < answers.txt']))
    .addHelpText(
      'after',
      [
        'Keys: Tab shows what a question probes; Esc submits an answer; 1-4 rate (the',
        'interval each gives is under it); u or Ctrl-Z undoes the last rating and shows',
        'that card again; s skips; q quits. A card rated onto a learning step comes back',
        'in the same session.',
      ].join('\n'),
    );

  // addCommand does not inherit like .command() does: exit override and error output as for every command
  program.addCommand(planCommand().copyInheritedSettings(program));
  program.addCommand(mockCommand().copyInheritedSettings(program));

  registerFeedback(program);

  program
    .command('stats')
    .description('your drill progress: due cards, true retention, streak, strength by topic, leeches (with how to suspend them), 13-week activity')
    .option('--json', 'print JSON')
    .action(async (opts) => (await import('./commands/stats.js')).run(opts));

  program
    .command('walkthrough')
    .description('the ML project lifecycle step by step, each step beside the real output of the lab stage that does it')
    .argument('[name]', 'walkthrough (lifecycle)', 'lifecycle')
    .option('--step <n>', 'start at (or, without a terminal, print only) this step', positiveInt('--step'))
    .action(async (name, opts) => (await import('./commands/walkthrough.js')).run(name, opts));

  program
    .command('pitch')
    .description('timed practice of your project pitch, with an outline filled from your runs')
    .addOption(new Option('--seconds <n>', 'length of the pitch').choices(['30', '90']).default('30'))
    .addOption(new Option('--project <project>', 'which lab the pitch is about').choices(['churn', 'segment']).default('churn'))
    .option('--dataset <name>', 'draw the outline\'s figures from runs on this dataset (default: the newest complete run\'s)')
    .action(async (opts) => (await import('./commands/pitch.js')).run(opts));

  defineExercise(program);

  program
    .command('explain')
    .description('where a recorded figure came from: formula, inputs, value, meaning, and how to say it in an interview')
    .argument('<metric>', 'metric key, e.g. test.recall or cv.random_forest.auc.mean')
    .option('--run <id>', 'a run id (default: the newest run that recorded the metric)')
    .option('--pin', 'also drill this figure: it becomes a review card ("your numbers") in prep drill')
    .option('--json', 'print JSON')
    .action(async (metric, opts) => (await import('./commands/explain.js')).run(metric, opts))
    .addHelpText('after', examples(['prep explain test.recall', 'prep explain imbalance.smoteLeaky.auc --json']));

  return program;
}
