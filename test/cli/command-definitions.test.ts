/**
 * The command-line contract, for every command the tree defines (walked from buildProgram, so a
 * new command is covered without editing this file): --help explains the command and each of its
 * options and arguments, and an option value of the wrong kind stops with exit 2 naming the option.
 */
import { describe, expect, it } from 'vitest';
import { Command, CommanderError } from 'commander';
import { buildProgram } from '../../src/cli.js';
import { makeTempHome, runPrep } from '../helpers/home.js';

function commandsOf(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  return [{ path, command }, ...command.commands.flatMap((c) => commandsOf(c, [...path, c.name()]))];
}

const tree = commandsOf(buildProgram());
const subcommands = tree.filter((c) => c.path.length > 0);

/** Parses argv in this process, with commander's error output silenced; the error commander throws, if any. */
async function parseError(argv: string[]): Promise<CommanderError | undefined> {
  const program = buildProgram();
  for (const { command } of commandsOf(program)) command.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  try {
    await program.parseAsync(['node', 'prep', ...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error;
    throw error;
  }
  return undefined;
}

describe('every command is defined completely', () => {
  it('the tree has the commands the README documents', () => {
    const names = subcommands.map((c) => c.path.join(' '));
    for (const expected of ['data sql', 'runs diff', 'lab churn drift', 'lab abtest simulate', 'story check', 'content show', 'drill', 'plan', 'mock', 'feedback', 'stats', 'walkthrough', 'pitch', 'exercise new', 'explain']) {
      expect(names).toContain(expected);
    }
  });

  for (const { path, command } of tree) {
    it(`prep ${path.join(' ') || '(the program)'}: a description, and one for each option and argument`, () => {
      expect(command.description().trim().length).toBeGreaterThan(10);
      for (const option of command.options) expect(option.description.trim(), option.flags).not.toBe('');
      for (const argument of command.registeredArguments) expect(argument.description.trim(), argument.name()).not.toBe('');
    });
  }
});

describe('--help of every command and subcommand (spawned bin/prep.js)', () => {
  for (const { path, command } of subcommands) {
    it(`prep ${path.join(' ')} --help`, () => {
      const r = runPrep([...path, '--help'], { home: makeTempHome() });
      expect(r.status).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^Usage: prep ${path.join(' ')}\\b`));
      // commander prints the description after the usage line and a blank one
      expect(lines[1]).toBe('');
      expect(lines.slice(2).join(' ').replace(/\s+/g, ' ')).toContain(command.description().replace(/\s+/g, ' '));
      for (const option of command.options) expect(r.stdout).toContain(option.flags);
    });
  }
});

describe('option values are parsed before any work', () => {
  const numericPlaceholder = /<(n|k|p|a|d|s|x|port|amount|minutes|columns|seconds)>$/;
  const numericOptions = tree.flatMap(({ path, command }) => command.options.filter((o) => o.parseArg && numericPlaceholder.test(o.flags)).map((o) => ({ path, option: o })));

  it('finds the numeric options to check', () => {
    expect(numericOptions.length).toBeGreaterThanOrEqual(25);
  });

  for (const { path, option } of numericOptions) {
    for (const bad of ['abc', '', '1e999', '-1.5']) {
      it(`prep ${path.join(' ')} ${option.long} ${JSON.stringify(bad)} is an invalid argument naming ${option.long}`, async () => {
        const error = await parseError([...path, option.long!, bad]);
        expect(error?.code).toBe('commander.invalidArgument');
        expect(error?.message).toContain(`option '${option.flags}' argument '${bad}' is invalid`);
      });
    }
  }

  const choiceOptions = tree.flatMap(({ path, command }) => command.options.filter((o) => o.argChoices).map((o) => ({ path, option: o })));
  for (const { path, option } of choiceOptions) {
    it(`prep ${path.join(' ')} ${option.long} lists its choices when given another value`, async () => {
      const error = await parseError([...path, option.long!, 'not-a-choice']);
      expect(error?.code).toBe('commander.invalidArgument');
      expect(error?.message).toContain(`Allowed choices are ${option.argChoices!.join(', ')}`);
    });
  }
});

describe('bad values exit 2 with a message naming the option (spawned bin/prep.js)', () => {
  const cases: [string[], RegExp][] = [
    [['lab', 'churn', '--seed', 'abc'], /option '--seed <n>' argument 'abc' is invalid. expected a whole number from 0 to 4294967295/],
    [['lab', 'churn', '--folds', '0'], /option '--folds <k>' argument '0' is invalid. expected a whole number from 2 to 20/],
    [['lab', 'churn', 'serve', '--port', '99999'], /option '--port <port>' argument '99999' is invalid. expected a whole number from 0 to 65535/],
    // positiveInt rejects 0
    [['walkthrough', '--step', '0'], /option '--step <n>' argument '0' is invalid. expected a whole number of at least 1/],
    [['lab', 'churn', 'loadtest', '--duration', '601'], /option '--duration <s>' argument '601' is invalid. expected a whole number from 1 to 600/],
    [['lab', 'segment', '--k', 'many'], /option '--k <k>' argument 'many' is invalid. expected auto or a whole number from 2 to 20/],
    [['feedback', 'conflict-story', '--width', '5'], /option '--width <columns>' argument '5' is invalid. expected a whole number from 40 to 400/],
    [['mock', '--minutes', '0'], /option '--minutes <n>' argument '0' is invalid. expected a whole number from 5 to 120/],
    [['plan', '--minutes-per-day', '5'], /option '--minutes-per-day <n>' argument '5' is invalid. expected a whole number from 10 to 600/],
    [['plan', '--interview', '2026-02-30'], /option '--interview <date>' argument '2026-02-30' is invalid. expected a date as YYYY-MM-DD/],
    [['drill', '--order', 'alphabetical'], /Allowed choices are mixed, in-order, random/],
    [['runs', 'diff', 'a', 'b', '--report', 'diff.txt'], /option '--report <file.html>' argument 'diff.txt' is invalid. expected a file name ending in .html/],
    [['runs', 'diff', 'a', 'b', '--report', '/nonexistent/diff.html'], /the folder \/nonexistent does not exist/],
    [['lab', 'segment', '--customers', 'crm.txt'], /option '--customers <file.csv>' argument 'crm.txt' is invalid. expected a file name ending in .csv/],
    [['lab', 'churn', 'drift', '--scenario', 'price-rise', '--current', 'package.json'], /option '--current <file.csv>' cannot be used with option '--scenario <name>'/],
    [['feedback', 'conflict-story', '/dev/zero'], /value '\/dev\/zero' is invalid for argument 'file'. \/dev\/zero is not a regular file/],
    [['runs', 'list', '--lab', 'nolab'], /Allowed choices are churn, segment, abtest/],
    [['walkthrough', 'nonesuch'], /value 'nonesuch' is invalid for argument 'name'. Allowed choices are lifecycle/],
  ];
  for (const [args, message] of cases) {
    it(`prep ${args.join(' ')}`, () => {
      const r = runPrep(args, { home: makeTempHome(), timeoutMs: 30_000 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/unexpected error/);
      expect(r.status).toBe(2);
    });
  }
});
