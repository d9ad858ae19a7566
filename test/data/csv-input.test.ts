/** Files that are not the comma-separated UTF-8 CSV prep reads get a clear answer (issue 19, 10). */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importCsv } from '../../src/data/datasets/import.js';
import { maxCsvColumns, readCsv } from '../../src/data/datasets/csv-source.js';
import { openDatasetReadOnly } from '../../src/data/datasets/store.js';
import { TypeInferrer } from '../../src/data/datasets/typing.js';
import { makeTempHome } from '../helpers/home.js';

async function records(path: string) {
  const out: string[][] = [];
  for await (const r of readCsv(path)) out.push(r.fields);
  return out;
}

function file(name: string, content: string | Buffer): string {
  const path = join(makeTempHome(), name);
  writeFileSync(path, content);
  return path;
}

describe('CSV input that is not plain comma-separated UTF-8', () => {
  it('reads lines that end with a bare CR (old Mac exports) as lines', async () => {
    expect(await records(file('cr.csv', 'a,b\r1,2\r3,"x"\r'))).toEqual([['a', 'b'], ['1', '2'], ['3', 'x']]);
    expect(await records(file('cr.csv.gz', gzipSync('a,b\r1,2\r')))).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('says a UTF-16 file is UTF-16, with or without a byte-order mark', async () => {
    const text = 'a,b\n1,2\n';
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    await expect(records(file('bom.csv', bom))).rejects.toThrow(/the file is UTF-16 text; prep reads UTF-8 CSV/);
    await expect(records(file('nobom.csv', Buffer.from(text, 'utf16le')))).rejects.toThrow(/looks like UTF-16 text without a byte-order mark/);
    await expect(records(file('bin.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])))).rejects.toThrow(/NUL bytes: it is binary, not a CSV/);
  });

  it('refuses a column name with a control character, naming the column, without echoing the sequence', async () => {
    const path = file('ctl.csv', 'id,Header\u001b]0;pwned\u0007,x\u001b[2J\n1,2,3\n');
    const error = await records(path).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/:1: column 2's name "Header" has a control character \(code 27\) at position 7/);
    expect((error as Error).message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // a CRLF header is not a control character in a name
    expect(await records(file('crlf.csv', 'a,b\r\n1,2\r\n'))).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('says a tab- or semicolon-separated file is one, instead of importing one column', async () => {
    await expect(records(file('t.tsv', 'id\tname\tvalue\n1\tx\t2\n'))).rejects.toThrow(/:1: the header has no commas but 2 tabs: prep reads comma-separated CSV/);
    await expect(records(file('s.csv', 'id;name\n1;x\n'))).rejects.toThrow(/no commas but 1 semicolons/);
    // a one-column file is fine
    expect(await records(file('one.csv', 'id\n1\n2\n'))).toEqual([['id'], ['1'], ['2']]);
  });

  it(`refuses more than ${maxCsvColumns} columns with the limit, not "unexpected error"`, async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',');
    const home = makeTempHome();
    const path = file('wide.csv', `${header}\n${header.replace(/c/g, '')}\n`);
    await expect(importCsv({ file: path, name: 'wide', kind: 'table', home })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/:1: the header has 10000 columns; at most 2000 fit in a SQLite table/) });
  });

  it('stops at a record longer than 16 M characters (a file with no line end)', async () => {
    const path = file('long.csv', Buffer.alloc(17 * 1024 * 1024, 'x'));
    await expect(records(path)).rejects.toThrow(/:1: a record longer than 16 M characters/);
  });
});

describe('integer ids beyond 2^53', () => {
  it('are typed TEXT and keep every digit', async () => {
    const inferrer = new TypeInferrer(['id', 'n']);
    for (const row of [['9007199254740993', '1'], ['12', '2']]) inferrer.observe(row);
    expect(inferrer.result().map((c) => c.type)).toEqual(['TEXT', 'INTEGER']);
    const home = makeTempHome();
    const path = file('ids.csv', 'id,amount\n9007199254740993,1.5\n-18446744073709551617,2\n42,3\n');
    await importCsv({ file: path, name: 'ids', kind: 'table', home });
    const { db } = openDatasetReadOnly('ids', home);
    expect(db.prepare('SELECT id FROM data ORDER BY rowid').pluck().all()).toEqual(['9007199254740993', '-18446744073709551617', '42']);
    db.close();
  });
});
