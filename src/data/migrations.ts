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
];
