/**
 * The timed part of `prep pitch`, on a terminal: the clock starts when the candidate presses a key
 * after reading the outline (not while they read it), Enter stops it, the time is shown against
 * the target, and the candidate rates the attempt. Every timed attempt is saved, for `prep stats`
 * and the plan's pitch days. Ctrl-C or q before stopping abandons the attempt without saving.
 */
import { emitKeypressEvents } from 'node:readline';
import { openState } from '../../data/state.js';
import { clockNow } from '../../env.js';
import { pitchVerdict } from '../../drill/plan.js';
import { savePitch } from '../../drill/plan-store.js';
import { style, wrapForTerminal } from '../text.js';

interface Key {
  name?: string;
  ctrl?: boolean;
  sequence?: string;
}

function nextKey(): Promise<Key> {
  return new Promise((resolve) => process.stdin.once('keypress', (_: string, key: Key) => resolve(key ?? {})));
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

export async function timedPitch(project: string, targetSeconds: number): Promise<void> {
  emitKeypressEvents(process.stdin);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  try {
    process.stdout.write(style('dim', wrapForTerminal('Read the outline, then press any key and say it out loud: the clock starts on the key. Enter stops it.\n')));
    const first = await nextKey();
    if (first.ctrl && first.name === 'c') return;
    const started = Date.now();
    const draw = () => {
      const elapsed = (Date.now() - started) / 1000;
      const over = elapsed > targetSeconds;
      const bar = '█'.repeat(Math.min(30, Math.round((30 * elapsed) / targetSeconds))).padEnd(30, '░');
      process.stdout.write(`\r${style(over ? 'yellow' : 'bold', `${clock(elapsed)} of ${clock(targetSeconds)}`)} ${bar} ${style('dim', 'Enter stops')}`);
    };
    draw();
    const timer = setInterval(draw, 250);
    let key: Key;
    do key = await nextKey();
    while (!(key.name === 'return' || key.name === 'enter' || (key.ctrl && key.name === 'c') || key.name === 'q'));
    clearInterval(timer);
    const seconds = (Date.now() - started) / 1000;
    if (key.name !== 'return' && key.name !== 'enter') {
      process.stdout.write('\nStopped without saving.\n');
      return;
    }
    const { verdict, by } = pitchVerdict(seconds, targetSeconds);
    const how = verdict === 'on time' ? style('green', 'on time') : style('yellow', `${Math.abs(by)} s ${verdict === 'long' ? 'over' : 'under'}`);
    process.stdout.write(`\n${style('bold', `${seconds.toFixed(1)} s`)} against ${targetSeconds} s: ${how}.\n`);
    process.stdout.write(wrapForTerminal(`Did you name the data, one decision and one measured result? Check any figure you added: prep story check FILE\n`));
    process.stdout.write('How did it go? 1 poor, 2 fair, 3 good, 4 great (any other key: no rating) ');
    const rated = await nextKey();
    const rating = ['1', '2', '3', '4'].includes(rated.sequence ?? '') ? Number(rated.sequence) : null;
    savePitch(openState(), { project, targetSeconds, seconds, rating, at: clockNow() });
    process.stdout.write(`${rating ?? '-'}\nSaved. Your pitch times: prep stats\n`);
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
}
