import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, homeWithDatasets, makeTempHome, repoRoot, runPrep } from '../helpers/home.js';

describe('prep --help', () => {
  it('lists the commands and loads neither Ink, React nor SQLite', () => {
    const result = spawnSync(process.execPath, ['--import', join(repoRoot, 'test/helpers/trace-imports.mjs'), binPath, '--help'], {
      encoding: 'utf8',
      input: '',
      env: { ...process.env, CI: 'true' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage: prep/);
    expect(result.stdout).toMatch(/data\s+inspect, build, query and import datasets/);
    const imported = result.stderr.split('\n').filter((l) => l.startsWith('import ')).map((l) => l.slice(7));
    expect(imported).toContain('commander');
    for (const heavy of ['ink', 'react', 'better-sqlite3', 'marked-terminal', 'fastify', 'ml-kmeans']) {
      expect(imported).not.toContain(heavy);
    }
  });

  const subcommands = [
    ['data', 'list'], ['data', 'info'], ['data', 'build'], ['data', 'sql'], ['data', 'import'],
    ['runs', 'list'], ['runs', 'show'], ['runs', 'diff'],
    ['lab', 'churn'], ['lab', 'churn', 'serve'], ['lab', 'churn', 'loadtest'], ['lab', 'churn', 'drift'], ['lab', 'churn', 'retrain'],
    ['lab', 'segment'], ['lab', 'clv'], ['lab', 'abtest', 'plan'], ['lab', 'abtest', 'analyze'], ['lab', 'abtest', 'simulate'],
    ['explain'], ['drill'], ['stats'], ['pitch'], ['walkthrough'], ['content', 'lint'], ['story'], ['story', 'check'],
    ['exercise', 'list'], ['exercise', 'start'], ['exercise', 'check'], ['exercise', 'hint'], ['exercise', 'solution'], ['exercise', 'watch'], ['exercise', 'reset'], ['exercise', 'new'],
  ];
  for (const path of subcommands) {
    it(`prep ${path.join(' ')} --help explains itself`, () => {
      const r = runPrep([...path, '--help'], { home: makeTempHome() });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: prep ${path.join(' ')}`));
    });
  }

  it('NO_COLOR turns off the colours of Ink and marked-terminal too (chalk ignores NO_COLOR itself)', () => {
    const script = `await import(${JSON.stringify(join(repoRoot, 'dist/process-env.js'))}); const { default: chalk } = await import('chalk'); process.stdout.write(String(chalk.level));`;
    const level = (noColor: string | undefined) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '1', NO_COLOR: noColor },
      }).stdout.trim();
    expect(level('1')).toBe('0');
    expect(level('')).toBe('1');
  });

  it('exits 2 with a one-line message for an unknown command or option', () => {
    const home = makeTempHome();
    const r = runPrep(['data', 'lisst'], { home });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'lisst'/);
    expect(runPrep(['data', 'list', '--jsn'], { home }).status).toBe(2);
  });
});

describe('prep data (spawned, CI=true, stdin closed)', () => {
  let home: string;
  beforeAll(async () => {
    home = await homeWithDatasets();
  });

  it('data list --json names both datasets with licence and built state', () => {
    const r = runPrep(['data', 'list', '--json'], { home });
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; rows: number; built: boolean; licence: string; label: string }[];
    expect(list.map((d) => [d.name, d.rows, d.built])).toEqual([
      ['telco', 7043, true],
      ['retail', 541909, true],
    ]);
    expect(list[0]!.label).toMatch(/fictional/);
    expect(list[1]!.licence).toMatch(/CC BY 4\.0/);
  });

  it('data info --json gives tables, typed columns, row counts, provenance and sha256', () => {
    const r = runPrep(['data', 'info', 'retail', '--json'], { home });
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.sha256).toBe('000b9144bb6e31ebd74f1be4912a94f06f11621f9dbb63fe11c0a4d8c2faa0b3');
    const table = info.tables.find((t: { name: string }) => t.name === 'online_retail');
    expect(table.rows).toBe(541909);
    expect(table.columns.find((c: { name: string }) => c.name === 'Quantity').type).toBe('INTEGER');
    expect(info.tables.map((t: { name: string }) => t.name)).toContain('transactions');
    expect(info.source).toMatch(/UCI/);
  });

  it('data sql prints a table, --json rows, and refuses writes with exit 2', () => {
    const table = runPrep(['data', 'sql', 'telco', `SELECT Contract, COUNT(*) AS n FROM telco GROUP BY Contract ORDER BY n DESC`], { home });
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/Month-to-month\s+3875/);
    const json = runPrep(['data', 'sql', 'telco', `SELECT COUNT(*) AS n FROM telco`, '--json'], { home });
    expect(JSON.parse(json.stdout)).toEqual({ columns: ['n'], rows: [{ n: 7043 }], truncated: false });
    const write = runPrep(['data', 'sql', 'telco', `DROP TABLE telco`], { home });
    expect(write.status).toBe(2);
    expect(write.stderr.trim().split('\n')[0]).toMatch(/^prep: only a single SELECT or WITH statement/);
  });

  it('data import reports inferred types, and a bad file exits 2 with file:line', () => {
    const ownHome = makeTempHome();
    const good = join(ownHome, 'good.csv');
    writeFileSync(good, 'who,months,left\na,1,Yes\nb,2,No\n');
    const ok = runPrep(['data', 'import', good, '--name', 'mine', '--kind', 'table', '--json'], { home: ownHome });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).columns.map((c: { type: string }) => c.type)).toEqual(['TEXT', 'INTEGER', 'TEXT']);
    const bad = join(ownHome, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,2\n3\n');
    const r = runPrep(['data', 'import', bad, '--name', 'bad', '--kind', 'table'], { home: ownHome });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:3: ragged row/);
    const missing = runPrep(['data', 'import', good, '--name', 'tx', '--kind', 'transactions', '--customer', 'who'], { home: ownHome });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--date COL/);
  });

  it('runs list/show/diff work on an empty store and say how to start', () => {
    const empty = makeTempHome();
    const r = runPrep(['runs', 'list'], { home: empty });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/No runs yet/);
    expect(JSON.parse(runPrep(['runs', 'list', '--json'], { home: empty }).stdout)).toEqual([]);
    const show = runPrep(['runs', 'show', 'nope'], { home: empty });
    expect(show.status).toBe(2);
    expect(show.stderr).toMatch(/no run with id "nope"/);
  });

  it('an unexpected error exits 1 with a hint to rerun with --debug', () => {
    const broken = makeTempHome();
    writeFileSync(join(broken, 'datasets'), 'a file where a folder should be');
    const r = runPrep(['data', 'build', 'telco'], { home: broken });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--debug/);
  });
});
