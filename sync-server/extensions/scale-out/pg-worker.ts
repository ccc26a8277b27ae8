/**
 * Worker thread of the PostgreSQL DocStore (pg-store.ts): owns one connection and runs the
 * store's operations asynchronously while the server's main thread waits for each answer.
 */
import { workerData } from 'node:worker_threads';
import pg from 'pg';
import * as Y from 'yjs';
import { unpackWrites } from '../../doc-log.js';
import { pgConnection } from './pg-connection.js';
import { serveSyncCalls, type SyncWorkerData } from '../../worker-call.js';

/** Configuration handed to the worker. */
export interface PgWorkerConfig {
  url: string;
  /** Table holding the update log. */
  table: string;
}

const data = workerData as SyncWorkerData;
const config = data.config as PgWorkerConfig;
const table = pg.escapeIdentifier(config.table);
/** Client ids bound to accounts per document (guards/client-ids.ts), shared by every instance. */
const clientIdTable = pg.escapeIdentifier(`${config.table}_client_ids`);

const { withConnection, transaction, close } = pgConnection(config.url, 'fokuswerk-sync');

serveSyncCalls(data, {
  async migrate() {
    await withConnection(async (db) => {
      // Serialise concurrent starts of several instances on the same database.
      await transaction(db, async () => {
        await db.query("SELECT pg_advisory_xact_lock(hashtext('fokuswerk-sync-migrate'))");
        await db.query(`CREATE TABLE IF NOT EXISTS ${table} (
          id   BIGSERIAL PRIMARY KEY,
          doc  TEXT  NOT NULL,
          data BYTEA NOT NULL
        )`);
        await db.query(`CREATE INDEX IF NOT EXISTS ${pg.escapeIdentifier(`${config.table}_doc`)} ON ${table} (doc, id)`);
        await db.query(`CREATE TABLE IF NOT EXISTS ${clientIdTable} (
          doc    TEXT   NOT NULL,
          client BIGINT NOT NULL,
          owner  TEXT   NOT NULL,
          PRIMARY KEY (doc, client)
        )`);
      });
      const setting = await db.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
      if (setting.rows[0]?.synchronous_commit !== 'on') {
        throw new Error(`synchronous_commit ist nicht „on“ / is not on: ${setting.rows[0]?.synchronous_commit}`);
      }
    });
    return null;
  },

  async load(doc: string) {
    return withConnection(async (db) => {
      const result = await db.query<{ data: Buffer }>(`SELECT data FROM ${table} WHERE doc = $1 ORDER BY id`, [doc]);
      return result.rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
    });
  },

  async append(docs: string[], lengths: number[], buffer: ArrayBuffer) {
    const writes = unpackWrites(docs, lengths, buffer);
    // One statement is one transaction; it returns only after COMMIT (synchronous_commit=on).
    await withConnection((db) =>
      db.query(`INSERT INTO ${table} (doc, data) SELECT * FROM unnest($1::text[], $2::bytea[])`, [
        docs,
        writes.map(({ update }) => Buffer.from(update.buffer, update.byteOffset, update.byteLength)),
      ]),
    );
    return null;
  },

  async compact(doc: string) {
    return withConnection((db) =>
      transaction(db, async () => {
        // One compaction per document at a time, whichever instance runs it; appends go on.
        await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fokuswerk-sync-compact:${doc}`]);
        const rows = await db.query<{ id: string; data: Buffer }>(`SELECT id, data FROM ${table} WHERE doc = $1 ORDER BY id`, [doc]);
        const last = rows.rows[rows.rows.length - 1];
        if (last === undefined || rows.rows.length === 1) {
          return { count: rows.rows.length, bytes: last?.data.length ?? 0 };
        }
        const merged = Y.mergeUpdates(rows.rows.map((row) => new Uint8Array(row.data)));
        await db.query(`DELETE FROM ${table} WHERE doc = $1 AND id <= $2`, [doc, last.id]);
        // The snapshot takes the last merged row's id, so it stays before anything appended since.
        await db.query(`INSERT INTO ${table} (id, doc, data) VALUES ($1, $2, $3)`, [last.id, doc, Buffer.from(merged)]);
        return { count: 1, bytes: merged.length };
      }),
    );
  },

  async count(doc: string) {
    return withConnection(async (db) => {
      const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE doc = $1`, [doc]);
      return Number(result.rows[0]?.n ?? 0);
    });
  },

  async documents() {
    return withConnection(async (db) => {
      const result = await db.query<{ doc: string }>(`SELECT DISTINCT doc FROM ${table} ORDER BY doc`);
      return result.rows.map((row) => row.doc);
    });
  },

  async seedIfEmpty(docs: string[], updates: Uint8Array[]) {
    return withConnection((db) =>
      transaction(db, async () => {
        await db.query(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`);
        const any = await db.query(`SELECT 1 FROM ${table} LIMIT 1`);
        if (any.rows.length > 0) {
          return false;
        }
        await db.query(`INSERT INTO ${table} (doc, data) SELECT * FROM unnest($1::text[], $2::bytea[])`, [
          docs,
          updates.map((update) => Buffer.from(update)),
        ]);
        return true;
      }),
    );
  },

  async clientIdOwner(doc: string, client: number) {
    return withConnection(async (db) => {
      const result = await db.query<{ owner: string }>(`SELECT owner FROM ${clientIdTable} WHERE doc = $1 AND client = $2`, [doc, client]);
      return result.rows[0]?.owner ?? null;
    });
  },

  async claimClientId(doc: string, client: number, owner: string) {
    return withConnection(async (db) => {
      // Two statements: the SELECT's snapshot must see a binding another instance committed while
      // the INSERT waited for it (one statement would read the snapshot from before that wait).
      const inserted = await db.query(`INSERT INTO ${clientIdTable} (doc, client, owner) VALUES ($1, $2, $3) ON CONFLICT (doc, client) DO NOTHING`, [
        doc,
        client,
        owner,
      ]);
      if (inserted.rowCount === 1) {
        return owner;
      }
      const result = await db.query<{ owner: string }>(`SELECT owner FROM ${clientIdTable} WHERE doc = $1 AND client = $2`, [doc, client]);
      return result.rows[0]?.owner ?? owner;
    });
  },

  /** Every client-id binding, for a cluster backup. */
  async clientIdRows() {
    return withConnection(async (db) => {
      const result = await db.query<{ doc: string; client: string; owner: string }>(`SELECT doc, client, owner FROM ${clientIdTable} ORDER BY doc, client`);
      return result.rows.map((row) => [row.doc, Number(row.client), row.owner]);
    });
  },

  /** Adds bindings from a backup (existing ones stay). */
  async importClientIds(docs: string[], clients: number[], owners: string[]) {
    await withConnection((db) =>
      db.query(
        `INSERT INTO ${clientIdTable} (doc, client, owner) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ON CONFLICT (doc, client) DO NOTHING`,
        [docs, clients, owners],
      ),
    );
    return null;
  },

  async close() {
    await close();
    return null;
  },
});
