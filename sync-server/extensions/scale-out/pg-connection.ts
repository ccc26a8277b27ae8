import pg from 'pg';

/** One PostgreSQL connection of a worker thread (pg-worker.ts, pg-auth-worker.ts), made on first use. */
export interface PgConnection {
  /**
   * Runs `run` on the connection, connecting first if needed. A broken connection (any error but
   * a failed statement) is dropped and replaced on the next call; a failed statement leaves it usable.
   */
  withConnection: <T>(run: (db: pg.Client) => Promise<T>) => Promise<T>;
  /** Runs `run` between BEGIN and COMMIT on `db`; ROLLBACK if it throws. */
  transaction: <T>(db: pg.Client, run: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
}

/** A lazily opened connection to `url`; every commit waits for its WAL flush (synchronous_commit=on). */
export function pgConnection(url: string, applicationName: string): PgConnection {
  let client: pg.Client | null = null;

  const connection = async (): Promise<pg.Client> => {
    if (client !== null) {
      return client;
    }
    const next = new pg.Client({
      connectionString: url,
      // Durability: a COMMIT returns only once its WAL record is flushed to disk.
      options: '-c synchronous_commit=on',
      connectionTimeoutMillis: 5_000,
      application_name: applicationName,
    });
    next.on('error', () => {
      if (client === next) {
        client = null;
      }
    });
    await next.connect();
    client = next;
    return next;
  };

  return {
    withConnection: async (run) => {
      const db = await connection();
      try {
        return await run(db);
      } catch (error: unknown) {
        if (!(error instanceof pg.DatabaseError)) {
          client = null;
          void db.end().catch(() => {});
        }
        throw error;
      }
    },
    transaction: async (db, run) => {
      await db.query('BEGIN');
      try {
        const result = await run();
        await db.query('COMMIT');
        return result;
      } catch (error: unknown) {
        await db.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    close: async () => {
      const db = client;
      client = null;
      await db?.end();
    },
  };
}
