/**
 * Work that must not outlive an interruption: temp files, half-built databases, child processes,
 * runs marked "running". Each piece registers an undo while it is in flight; SIGINT, SIGTERM and
 * SIGHUP run every registered undo, then exit with 128 + the signal number (130 for Ctrl-C), as a
 * shell would. While nothing is registered, the signals keep Node's default behaviour, so commands
 * with their own handlers (a server, `exercise watch`, the drill) are not changed.
 */
type Undo = () => void;

const pending = new Set<Undo>();
const signals = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
type HandledSignal = keyof typeof signals;

function runAll(): void {
  for (const undo of [...pending]) {
    pending.delete(undo);
    try {
      undo();
    } catch {
      // best effort: one failing undo must not keep the others from running
    }
  }
}

const onSignal = (signal: HandledSignal) => {
  runAll();
  process.exit(128 + signals[signal]);
};
const handlers: Record<HandledSignal, () => void> = { SIGINT: () => onSignal('SIGINT'), SIGTERM: () => onSignal('SIGTERM'), SIGHUP: () => onSignal('SIGHUP') };

function install(): void {
  for (const s of Object.keys(signals) as HandledSignal[]) process.on(s, handlers[s]);
  process.on('exit', runAll);
}

function uninstall(): void {
  for (const s of Object.keys(signals) as HandledSignal[]) process.off(s, handlers[s]);
  process.off('exit', runAll);
}

/** True while a process with this pid exists (EPERM: it exists but belongs to another user). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Registers `undo` to run if the process is interrupted (or exits) before the returned function
 * is called. Call the returned function when the work finished normally: it unregisters without
 * running `undo`.
 */
export function onInterrupt(undo: Undo): () => void {
  if (pending.size === 0) install();
  pending.add(undo);
  return () => {
    if (!pending.delete(undo)) return;
    if (pending.size === 0) uninstall();
  };
}
