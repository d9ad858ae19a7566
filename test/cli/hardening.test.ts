/**
 * The command-line contract under bad input (issue 19): exit 2 naming the option for a bad value,
 * before any work; names that would become paths confined to their folder; runaway SQL stopped.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { homeWithDatasets, makeTempHome, runPrep } from '../helpers/home.js';

describe('option values are checked before any work: exit 2, naming the option', () => {
  const cases: [string[], RegExp][] = [
    [['lab', 'churn', '--seed', 'abc'], /option '--seed <n>' argument 'abc' is invalid/],
    [['lab', 'churn', '--folds', 'abc'], /option '--folds <k>' argument 'abc' is invalid/],
    [['lab', 'churn', '--folds', '1'], /option '--folds <k>' argument '1' is invalid. expected a whole number from 2 to 20/],
    [['lab', 'churn', 'serve', '--port', 'abc'], /option '--port <port>' argument 'abc' is invalid/],
    [['lab', 'churn', 'serve', '--port', '99999'], /argument '99999' is invalid. expected a whole number from 0 to 65535/],
    [['runs', 'list', '--limit', 'abc'], /option '--limit <n>' argument 'abc' is invalid/],
    [['runs', 'list', '--limit', '0'], /option '--limit <n>' argument '0' is invalid. expected a whole number of at least 1/],
    [['lab', 'abtest', 'simulate', '--runs', 'abc'], /option '--runs <n>' argument 'abc' is invalid/],
    [['lab', 'abtest', 'plan', '--baseline', '2', '--mde', '0.1'], /option '--baseline <p>' argument '2' is invalid. expected a number strictly between 0 and 1/],
    [['drill', '--retention', '2'], /option '--retention <p>' argument '2' is invalid. expected a number between 0.7 and 0.99/],
    [['lab', 'churn', '--seed', ''], /option '--seed <n>' argument '' is invalid/],
    [['lab', 'churn', '--offer-cost', 'Infinity'], /option '--offer-cost <amount>' argument 'Infinity' is invalid/],
    [['pitch', '--seconds', '45'], /argument '45' is invalid. Allowed choices are 30, 90/],
    [['story', '--role', 'ceo'], /argument 'ceo' is invalid. Allowed choices are mle, ds, analyst/],
    [['lab', 'churn', 'drift', '--scenario', 'meteor'], /Allowed choices are none, price-rise, new-customers, contract-shift/],
    [['lab', 'segment', '--k', '1'], /option '--k <k>' argument '1' is invalid/],
    [['lab', 'churn', '--report', '/nonexistent/x.html'], /option '--report <file.html>' argument '\/nonexistent\/x.html' is invalid. the folder \/nonexistent does not exist/],
    [['story', 'check', 'missing.md'], /value 'missing.md' is invalid for argument 'file'. no file at missing.md/],
    [['data', 'import', '/dev/zero', '--name', 'z', '--kind', 'table'], /\/dev\/zero is not a regular file/],
    [['exercise', 'check', 'sql-churn-rate-by-contract', '--file', '/dev/zero'], /\/dev\/zero is not a regular file/],
  ];
  for (const [args, message] of cases) {
    it(`prep ${args.join(' ')}`, () => {
      const home = makeTempHome();
      const r = runPrep(args, { home, timeoutMs: 30_000 });
      expect(r.stderr).toMatch(message);
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(/unexpected error/);
    });
  }

  it('a report path that cannot be written stops before the lab runs: no run is recorded', () => {
    const home = makeTempHome();
    const dir = join(home, 'a-folder');
    mkdirSync(dir);
    expect(runPrep(['lab', 'churn', '--report', dir], { home }).stderr).toMatch(/is a folder; give a file name/);
    expect(JSON.parse(runPrep(['runs', 'list', '--json'], { home }).stdout)).toEqual([]);
  });
});

describe('--debug is accepted anywhere on the line', () => {
  it('after the subcommand as before it, and prints the stack of a failure', () => {
    const home = makeTempHome();
    for (const args of [['--debug', 'runs', 'show', 'nope'], ['runs', 'show', 'nope', '--debug'], ['runs', '--debug', 'show', 'nope']]) {
      const r = runPrep(args, { home });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^\s+at /m);
    }
    const plain = runPrep(['runs', 'show', 'nope'], { home });
    expect(plain.status).toBe(2);
    expect(plain.stderr).not.toMatch(/^\s+at /m);
  });

  it('after a lone --, --debug is an argument, not the flag', () => {
    const home = makeTempHome();
    const r = runPrep(['story', 'check', '--', '--debug'], { home });
    expect(r.stderr).toMatch(/no file at --debug/);
  });
});

describe('data sql', () => {
  let home: string;
  beforeAll(async () => {
    home = await homeWithDatasets(['telco']);
  });

  it('refuses a dataset name that is a path, even to a real SQLite file', () => {
    const secretDir = join(home, 'elsewhere');
    mkdirSync(secretDir);
    const secret = new Database(join(secretDir, 'secret.sqlite'));
    secret.exec(`CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('hidden')`);
    secret.close();
    for (const name of ['../elsewhere/secret', '../../elsewhere/secret', '/etc/passwd', 'Telco', '.hidden']) {
      const r = runPrep(['data', 'sql', name, 'SELECT * FROM t'], { home });
      expect(r.status, name).toBe(2);
      expect(r.stderr).toMatch(/is not a dataset name/);
      expect(r.stdout).not.toMatch(/hidden/);
    }
  });

  it('stops a runaway query at --timeout and exits (the process does not run on)', () => {
    const r = runPrep(['data', 'sql', 'telco', '--timeout', '1', 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c'], { home, timeoutMs: 60_000 });
    // before the fix, the query had no limit: spawnSync's 60 s timeout would kill it (status null)
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the query ran longer than 1 s and was stopped/);
  });

  it('still answers a normal query, with --limit', () => {
    const r = runPrep(['data', 'sql', 'telco', '--json', '--limit', '2', 'SELECT Contract, COUNT(*) AS n FROM telco GROUP BY Contract ORDER BY Contract'], { home });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ columns: ['Contract', 'n'], rows: [{ Contract: 'Month-to-month', n: 3875 }, { Contract: 'One year', n: 1473 }], truncated: true });
  });
});

describe('lab datasets are confined too', () => {
  it('lab churn --dataset and lab segment --dataset refuse a path', () => {
    const home = makeTempHome();
    writeFileSync(join(home, 'x.sqlite'), '');
    for (const args of [['lab', 'churn', '--dataset', '../x'], ['lab', 'segment', '--dataset', '../x'], ['lab', 'clv', '--dataset', '../../tmp/x']]) {
      const r = runPrep(args, { home });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/is not a dataset name/);
    }
  });

  it('a dataset that does not exist is refused before any stage starts', () => {
    const home = makeTempHome();
    for (const args of [['lab', 'churn', '--dataset', 'nosuch'], ['lab', 'segment', '--dataset', 'nosuch'], ['lab', 'abtest', 'simulate', '--dataset', 'nosuch']]) {
      const r = runPrep(args, { home });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/no dataset named "nosuch"/);
      // the churn lab used to print "[1/12] Extract rows with SQL…" and then the error
      expect(r.stderr, args.join(' ')).not.toMatch(/\[1\/\d+\]/);
    }
  });
});

describe('answers and pitches that are not UTF-8 text are refused, not scored as gibberish', () => {
  const home = makeTempHome();
  const files: [string, Buffer, RegExp][] = [
    ['utf16.md', Buffer.from('\ufeffOur recall was 69.5%.', 'utf16le'), /is UTF-16 text; prep reads UTF-8/],
    ['binary.md', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]), /has NUL bytes: it is a binary file/],
    ['latin1.md', Buffer.from('Caf\u00e9 recall 69.5%', 'latin1'), /is not UTF-8 text/],
  ];
  for (const [name, bytes, message] of files) {
    it(`${name}: story check and feedback exit 2 and say how to convert it`, () => {
      const file = join(home, name);
      writeFileSync(file, bytes);
      for (const args of [['story', 'check', file], ['feedback', 'conflict-story', file]]) {
        const r = runPrep(args, { home });
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(message);
      }
    });
  }

  it('a UTF-8 byte-order mark is dropped: the first word is read as a word', () => {
    const file = join(home, 'bom.md');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('We split 5-fold.\n')]));
    const r = runPrep(['story', 'check', file, '--json'], { home });
    expect(JSON.parse(r.stdout).claims.map((c: { text: string; verdict: string; sentence: string }) => [c.text, c.verdict, c.sentence])).toEqual([['5-fold', 'setting', 'We split 5-fold.']]);
  });
});
