import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import type { DataSource } from 'typeorm';

interface CounterRow {
  hits: number;
  resets_at: Date;
}

/**
 * express-rate-limit's store in the app's PostgreSQL (table rate_limit_counter, on the app's own
 * pool), so that every instance counts the same hits: a fixed window per key like the library's
 * memory store, started by the key's first hit. Each hit is one atomic upsert, so concurrent hits
 * on several instances are all counted. Times are the database's, the one clock all instances share.
 */
export class PostgresRateLimitStore implements Store {
  /** Keys counted here are seen by every instance (express-rate-limit's double-count check). */
  readonly localKeys = false;
  private windowMs = 60_000;

  /** `prefix` keeps the keys of different limiters apart in the one table. */
  constructor(
    private readonly dataSource: DataSource,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    // now() is the statement's start: both CASEs see the same moment.
    const [row] = (await this.dataSource.query(
      `INSERT INTO rate_limit_counter AS counter (key, hits, resets_at)
       VALUES ($1, 1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN counter.resets_at <= now() THEN 1 ELSE counter.hits + 1 END,
         resets_at = CASE WHEN counter.resets_at <= now() THEN excluded.resets_at ELSE counter.resets_at END
       RETURNING hits, resets_at`,
      [this.prefix + key, this.windowMs],
    )) as CounterRow[];
    return { totalHits: row.hits, resetTime: row.resets_at };
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [row] = (await this.dataSource.query(
      'SELECT hits, resets_at FROM rate_limit_counter WHERE key = $1 AND resets_at > now()',
      [this.prefix + key],
    )) as CounterRow[];
    return row ? { totalHits: row.hits, resetTime: row.resets_at } : undefined;
  }

  async decrement(key: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE rate_limit_counter SET hits = hits - 1 WHERE key = $1 AND hits > 0 AND resets_at > now()',
      [this.prefix + key],
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM rate_limit_counter WHERE key = $1', [this.prefix + key]);
  }
}
