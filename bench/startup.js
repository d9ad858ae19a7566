// Benchmark (not a test): time to first frame of `prep drill` in a pseudo-terminal (script(1)),
// and `prep --help`, medians of several runs, with bare `node` as the baseline in the same job.
// Goals on the reference machine: first drill frame < 400 ms, --help < 150 ms. Run after `npm run build`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'prep.js');
const home = mkdtempSync(join(tmpdir(), 'prep-bench-startup-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const env = { ...process.env, PREP_HOME: home, TERM: 'xterm-256color' };
delete env.CI;

function firstFrame() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // script gives the child a terminal, so prep decides it is interactive and renders Ink
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; ${process.execPath} ${bin} drill --new 1`, '/dev/null'], { env });
    let seen = '';
    child.stdout.on('data', (d) => {
      seen += d.toString();
      if (/\[1\/1\]/.test(seen)) {
        const ms = performance.now() - t0;
        child.kill('SIGKILL');
        resolve(ms);
      }
    });
    child.on('error', reject);
    setTimeout(() => reject(new Error(`no frame after 10 s: ${seen.slice(0, 200)}`)), 10_000).unref();
  });
}

function bareNodeInTerminal() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; ${process.execPath} -e "process.stdout.write('[1/1]')"`, '/dev/null'], { env });
    let seen = '';
    child.stdout.on('data', (d) => {
      seen += d.toString();
      if (/\[1\/1\]/.test(seen)) {
        resolve(performance.now() - t0);
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    setTimeout(() => reject(new Error(`bare node printed nothing after 10 s: ${seen.slice(0, 200)}`)), 10_000).unref();
  });
}

if (spawnSync('script', ['--version']).status !== 0) {
  console.log('script(1) not available: cannot measure the first drill frame');
  process.exit(0);
}
// The first start in a new data home parses the question bank and caches it; later starts read the cache.
const coldFrame = await firstFrame();
// Each drill start is paired with a bare node start (printing the same marker) through the same script(1) terminal,
// so the ratio tells our cost apart from how fast the machine is today.
const frames = [];
const bareFrames = [];
for (let i = 0; i < 9; i++) {
  frames.push(await firstFrame());
  bareFrames.push(await bareNodeInTerminal());
}
const help = [];
const bare = [];
for (let i = 0; i < 11; i++) {
  let t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(performance.now() - t0);
  t0 = performance.now();
  spawnSync(process.execPath, [bin, '--help'], { env });
  help.push(performance.now() - t0);
}
console.log(`prep drill first frame: median ${Math.round(median(frames))} ms (goal < 400) ${median(frames) < 400 ? 'OK' : 'OVER'}; runs ${frames.map(Math.round).join(', ')}; the very first start (parses and caches the content): ${Math.round(coldFrame)} ms`);
console.log(`  bare node through the same terminal: median ${Math.round(median(bareFrames))} ms; first frame = ${(median(frames) / median(bareFrames)).toFixed(2)}x bare node`);
console.log(`prep --help: median ${Math.round(median(help))} ms (goal < 150) ${median(help) < 150 ? 'OK' : 'OVER'}; bare node ${Math.round(median(bare))} ms (${(median(help) / median(bare)).toFixed(2)}x)`);
