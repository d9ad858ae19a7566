/**
 * The one error boundary: runs the commander tree and maps errors to exit codes.
 * 0 ok, 1 failure, 2 usage or bad input. Unexpected errors get a hint to rerun with --debug.
 */
import './process-env.js';
import { CommanderError } from 'commander';
import { buildProgram } from './cli.js';
import { PrepError } from './errors.js';
import { sanitizeForTerminal } from './terminal-text.js';

// --debug is global: accepted anywhere on the line (`prep data list --debug` as well as
// `prep --debug data list`), so it is taken out before commander reads the subcommand's options.
// Only before a lone `--`: after it, `--debug` is an argument (a SQL comment, say).
const endOfOptions = process.argv.indexOf('--');
const optionArgs = endOfOptions < 0 ? process.argv : process.argv.slice(0, endOfOptions);
const debug = optionArgs.includes('--debug') || Boolean(process.env.PREP_DEBUG);
const argv = [...optionArgs.filter((a, i) => i < 2 || a !== '--debug'), ...(endOfOptions < 0 ? [] : process.argv.slice(endOfOptions))];

function fail(message: string, code: number, hint?: string): void {
  // messages quote what the user gave (file names, CSV headers, exercise.json): never raw controls
  process.stderr.write(`prep: ${sanitizeForTerminal(message)}\n`);
  if (hint) process.stderr.write(`  ${sanitizeForTerminal(hint)}\n`);
  process.exitCode = code;
}

// A closed pipe (`prep data sql ... | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await buildProgram().parseAsync(argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // help and version displays throw with exit code 0; usage errors were already printed.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof PrepError) {
    fail(error.message, error.exitCode, error.hint);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
  } else {
    const err = error instanceof Error ? error : new Error(String(error));
    if (debug) {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exitCode = 1;
    } else {
      fail(`unexpected error: ${err.message}`, 1, 'Rerun with --debug to see the stack trace.');
    }
  }
}
