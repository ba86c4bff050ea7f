import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * A connection the server ends (PostgreSQL stopping or restarting) emits `error`; while the pool
 * holds it idle the pool listens, but a connection checked out between two queries has no
 * listener, and Node ends the process for an unheard `error` — seen when the app was stopped while
 * a background job held a connection. Every connection of the pool gets a listener for its whole
 * life: the query that needed it fails as usual (a 503 in a request, a retry in a job).
 */
export function guardPoolConnections(dataSource: DataSource, log: Logger): void {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const listen = (client: PoolClient) =>
    client.on('error', (error: Error) =>
      log.warn({ error: error.message }, 'Соединение с базой данных прервано сервером'),
    );
  // The connections opened while TypeORM initialised, then every later one.
  for (const client of (pool as unknown as { _clients?: PoolClient[] })._clients ?? []) listen(client);
  pool.on('connect', listen);
}
