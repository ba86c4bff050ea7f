// The baseline of `npm run bench:intake`: a bare Node http server that answers POST with one
// INSERT of the JSON body through a `pg` pool — what any intake endpoint costs at least.
import http from 'node:http';

import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
});
await pool.query(
  'CREATE TABLE IF NOT EXISTS bench_baseline_insert (id bigserial PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
);

const server = http.createServer((request, response) => {
  if (request.method !== 'POST') {
    response.end('ok');
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let payload;
    try {
      payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response.writeHead(400).end();
      return;
    }
    pool.query('INSERT INTO bench_baseline_insert (payload) VALUES ($1) RETURNING id', [payload]).then(
      ({ rows }) => {
        response
          .writeHead(201, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ id: rows[0].id }));
      },
      () => response.writeHead(500).end(),
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
