/**
 * The drill's settings that have a default, and the queue orders: in a module of their own (no
 * SQLite, no ts-fsrs) so `prep drill --help` can state each default from the value the scheduler uses.
 */

/** FSRS's default desired retention: the recall probability each review is scheduled for. */
export const DEFAULT_DESIRED_RETENTION = 0.9;

/** Anki's default learn-ahead limit: when nothing else is left, a learning card due this soon is shown now. */
export const DEFAULT_LEARN_AHEAD_MINUTES = 20;

/** The study time a plan assumes when none is given (prep plan --minutes-per-day). */
export const DEFAULT_MINUTES_PER_DAY = 60;

/** The guide's timeline when no interview date is given (prep plan). */
export const DEFAULT_PLAN_DAYS = 28;

export type QueueOrder = 'mixed' | 'in-order' | 'random';
export const queueOrders: readonly QueueOrder[] = ['mixed', 'in-order', 'random'];
