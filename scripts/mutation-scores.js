// Mutation score per folder from Stryker's JSON report (reports/mutation/mutation.json):
// killed + timeout over all mutants that were not ignored, compile errors left out (as Stryker counts).
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8'));
const folders = new Map();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const folder = file.split('/').slice(0, 2).join('/');
  const f = folders.get(folder) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0, other: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') f.killed++;
    else if (m.status === 'Timeout') f.timeout++;
    else if (m.status === 'Survived') f.survived++;
    else if (m.status === 'NoCoverage') f.noCoverage++;
    else f.other++;
  }
  folders.set(folder, f);
}
for (const [folder, f] of [...folders].sort()) {
  const detected = f.killed + f.timeout;
  const valid = detected + f.survived + f.noCoverage;
  console.log(`${folder.padEnd(16)} ${((100 * detected) / Math.max(1, valid)).toFixed(1).padStart(5)}%  killed ${f.killed}, timeout ${f.timeout}, survived ${f.survived}, no coverage ${f.noCoverage}${f.other ? `, other ${f.other}` : ''}`);
}
