import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

export interface PoolGuard {
  /**
   * The app is stopping on purpose: connections the server ends from now on are expected (under
   * `npm start`, Ctrl-C reaches the embedded PostgreSQL too, and it closes them while the app is
   * still closing its pool), so they are no longer reported.
   */
  expectShutdown(): void;
}

/**
 * A connection the server ends (PostgreSQL stopping or restarting) emits `error`; while the pool
 * holds it idle the pool listens, but a connection checked out between two queries has no
 * listener, and Node ends the process for an unheard `error` — seen when the app was stopped while
 * a background job held a connection. Every connection of the pool gets a listener for its whole
 * life: the query that needed it fails as usual (a 503 in a request, a retry in a job), and the
 * loss is reported unless the app is stopping.
 */
export function guardPoolConnections(dataSource: DataSource, log: Logger): PoolGuard {
  let stopping = false;
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const listen = (client: PoolClient) =>
    client.on('error', (error: Error) => {
      // Ctrl-C reaches the app and PostgreSQL together, and a busy machine may hand the app the
      // server's goodbye before its own SIGINT: decide a moment later, once the signal is handled.
      setTimeout(() => {
        if (stopping) log.debug({ error: error.message }, 'Соединение с базой данных закрыто при остановке');
        else log.warn({ error: error.message }, 'Соединение с базой данных прервано сервером');
      }, 200).unref();
    });
  // The connections opened while TypeORM initialised, then every later one.
  for (const client of (pool as unknown as { _clients?: PoolClient[] })._clients ?? []) listen(client);
  pool.on('connect', listen);
  return {
    expectShutdown: () => {
      stopping = true;
    },
  };
}
