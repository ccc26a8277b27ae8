import type Database from 'better-sqlite3';

/** Version of the cache schema, kept in `PRAGMA user_version`. */
export const SCHEMA_VERSION = 2;

/**
 * The catalogue summary, kept by every import: the periods for which a variable of a vintage has
 * figures (or missing-value signs). The indicator list reads this instead of the values.
 */
const VARIABLE_PERIODS = `
CREATE TABLE variable_periods (
  table_id    INTEGER NOT NULL REFERENCES source_tables(id),
  variable_id INTEGER NOT NULL REFERENCES variables(id),
  period      TEXT NOT NULL,
  PRIMARY KEY (table_id, variable_id, period)
) WITHOUT ROWID;
`;

const VALUE_ROWS = `
CREATE VIEW value_rows AS
  SELECT t.code AS table_code, t.stand, v.path AS variable, d.ags, d.period, d.value, d.flag, v.unit
  FROM data_values d
  JOIN source_tables t ON t.id = d.table_id
  JOIN variables v ON v.id = d.variable_id;
`;

const SCHEMA = `
CREATE TABLE source_tables (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL,
  title       TEXT NOT NULL,
  stand       TEXT NOT NULL,
  attribution TEXT NOT NULL,
  licence     TEXT NOT NULL,
  notes       TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (code, stand)
);
CREATE TABLE source_files (
  hash        TEXT PRIMARY KEY,
  table_id    INTEGER NOT NULL REFERENCES source_tables(id),
  file_name   TEXT NOT NULL,
  encoding    TEXT NOT NULL,
  line_ending TEXT NOT NULL,
  value_count INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE regions (
  ags    TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  level  TEXT CHECK (level IN ('country', 'land', 'kreis', 'amt', 'gemeinde')),
  parent TEXT,
  stand  TEXT NOT NULL
);
CREATE TABLE variables (
  id         INTEGER PRIMARY KEY,
  table_code TEXT NOT NULL,
  path       TEXT NOT NULL,
  unit       TEXT NOT NULL,
  UNIQUE (table_code, path, unit)
);
CREATE TABLE data_values (
  table_id    INTEGER NOT NULL REFERENCES source_tables(id),
  variable_id INTEGER NOT NULL REFERENCES variables(id),
  ags         TEXT NOT NULL REFERENCES regions(ags),
  period      TEXT NOT NULL,
  value       REAL,
  flag        TEXT CHECK (flag IN ('secret', 'later', 'unreliable', 'blocked')),
  CHECK ((value IS NULL) <> (flag IS NULL)),
  -- In the order a table's rows are read (region, period, then its columns), so an import
  -- appends to few pages instead of touching one place per column.
  PRIMARY KEY (table_id, ags, period, variable_id)
) WITHOUT ROWID;
${VARIABLE_PERIODS}${VALUE_ROWS}`;

/**
 * Prepares a connection: WAL, foreign keys, and the schema on a new file. Refuses a file written
 * by a newer schema version instead of guessing.
 */
export function migrate(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) {
    return;
  }
  if (version === 1) {
    // Version 2 adds the catalogue summary (which variable has figures for which periods), so the
    // indicator list no longer reads every value; filled once from the stored values.
    db.transaction(() => {
      db.exec(VARIABLE_PERIODS);
      db.exec('INSERT INTO variable_periods (table_id, variable_id, period) SELECT DISTINCT table_id, variable_id, period FROM data_values');
      // Version 2 also orders the values' key as imports write them (region, period, variable).
      db.exec(`CREATE TABLE data_values_v2 (
        table_id    INTEGER NOT NULL REFERENCES source_tables(id),
        variable_id INTEGER NOT NULL REFERENCES variables(id),
        ags         TEXT NOT NULL REFERENCES regions(ags),
        period      TEXT NOT NULL,
        value       REAL,
        flag        TEXT CHECK (flag IN ('secret', 'later', 'unreliable', 'blocked')),
        CHECK ((value IS NULL) <> (flag IS NULL)),
        PRIMARY KEY (table_id, ags, period, variable_id)
      ) WITHOUT ROWID`);
      db.exec('INSERT INTO data_values_v2 SELECT table_id, variable_id, ags, period, value, flag FROM data_values');
      db.exec('DROP VIEW value_rows');
      db.exec('DROP TABLE data_values');
      db.exec('ALTER TABLE data_values_v2 RENAME TO data_values');
      db.exec(VALUE_ROWS);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
    return;
  }
  if (version !== 0) {
    throw new Error(
      `Indikator-Datenbank hat Schema-Version ${version}, erwartet ${SCHEMA_VERSION} / indicator database has schema version ${version}, expected ${SCHEMA_VERSION}`,
    );
  }
  db.transaction(() => {
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
