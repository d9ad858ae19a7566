/**
 * Versioned schema of state.db. Each entry runs once, in order, inside a transaction;
 * PRAGMA user_version records how many have run. Append new migrations at the end; never
 * edit one that has shipped.
 */
export const stateMigrations: readonly string[] = [
  // 1: the run store: what every lab records, read by `prep runs`, `prep explain`, drills and stories.
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    lab TEXT NOT NULL,
    dataset_name TEXT,
    dataset_sha256 TEXT,
    params TEXT NOT NULL DEFAULT '{}',
    seed INTEGER,
    code_version TEXT NOT NULL,
    started_at TEXT NOT NULL,
    duration_ms REAL,
    status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
    error TEXT
  );
  CREATE INDEX runs_lab_started ON runs (lab, started_at);
  CREATE TABLE metrics (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value REAL NOT NULL,
    stage TEXT NOT NULL,
    formula TEXT NOT NULL,
    inputs TEXT NOT NULL DEFAULT '{}',
    unit TEXT,
    PRIMARY KEY (run_id, key)
  );
  CREATE TABLE artifacts (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    json TEXT,
    blob BLOB,
    created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, name)
  );
  `,
  // 2: drills: one FSRS card per question, every review with the answer and the card before it (for undo).
  `
  CREATE TABLE drill_cards (
    question_id TEXT PRIMARY KEY,
    card TEXT NOT NULL,
    due TEXT NOT NULL,
    lapses INTEGER NOT NULL DEFAULT 0,
    reps INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX drill_cards_due ON drill_cards (due);
  CREATE TABLE drill_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    reviewed_at TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    feedback TEXT NOT NULL DEFAULT '{}',
    card_before TEXT,
    due_after TEXT NOT NULL
  );
  CREATE INDEX drill_reviews_time ON drill_reviews (reviewed_at);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // 3: exercise progress: attempts and whether the last check passed.
  `
  CREATE TABLE exercise_progress (
    exercise_id TEXT PRIMARY KEY,
    attempts INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('attempted', 'done')),
    last_checked_at TEXT NOT NULL
  );
  `,
  // 4: interview plans (`prep plan`): the date, role and daily minutes, and the plan as made that day,
  // so progress is measured against what was planned. The newest row is the plan in force.
  // Mock interviews (`prep mock`) with their summary, and timed pitches (`prep pitch`) with the
  // candidate's own rating, so the plan ticks its mock and pitch days and `prep stats` shows the history.
  `
  CREATE TABLE interview_plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    interview TEXT NOT NULL,
    role TEXT CHECK (role IN ('mle', 'ds', 'analyst')),
    minutes_per_day INTEGER NOT NULL,
    start_day TEXT NOT NULL,
    plan TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE mock_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    role TEXT,
    question_set INTEGER NOT NULL,
    finished_at TEXT NOT NULL,
    summary TEXT NOT NULL
  );
  CREATE TABLE pitch_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project TEXT NOT NULL,
    target_seconds INTEGER NOT NULL,
    seconds REAL NOT NULL,
    rating INTEGER CHECK (rating BETWEEN 1 AND 4),
    practised_at TEXT NOT NULL
  );
  `,
  // 5: the process that runs a lab, so a run left 'running' by a process that is gone is known at once.
  `
  ALTER TABLE runs ADD COLUMN pid INTEGER;
  `,
];
