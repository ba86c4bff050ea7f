import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { buildDataSource } from '../../database/data-source.js';
import { startEmbeddedPostgres } from '../embedded-postgres/embedded-postgres.js';

/**
 * `npm run migration:generate -- Name`: compares the entities with a database migrated to the
 * latest migration and writes the difference as a new migration in migrations/.
 * Uses a throw-away embedded PostgreSQL unless MIGRATION_DATABASE_URL is set.
 */
// Run through scripts/run-dist.mjs, whose own argument is the path of this file.
const name = process.argv.slice(2).find((argument) => !argument.endsWith('.js'));
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  process.stderr.write('Укажите имя миграции в PascalCase: npm run migration:generate -- AddLeads\n');
  process.exit(1);
}

const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'kosino-crm-migration-'));
await fs.chmod(scratch, 0o755); // as root, PostgreSQL runs as the user postgres
const embedded = process.env.MIGRATION_DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: path.join(scratch, 'pg'),
      port: 54000 + Math.floor(Math.random() * 900),
      database: 'migration_scratch',
      log: () => undefined,
      notice: () => undefined,
    });
const dataSource = buildDataSource({ url: process.env.MIGRATION_DATABASE_URL ?? embedded!.url });
try {
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' }); // as at boot: some migrations build indexes concurrently
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    process.stdout.write('Entities and migrations agree: nothing to generate.\n');
  } else {
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const fileName = `${timestamp}-${name}`;
    const render = (queries: { query: string; parameters?: unknown[] }[]) =>
      queries
        .map(({ query, parameters }) => {
          const args = parameters?.length ? `, ${JSON.stringify(parameters)}` : '';
          return `    await queryRunner.query(${JSON.stringify(query)}${args});`;
        })
        .join('\n');
    const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${render(sql.upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${render(sql.downQueries.reverse())}
  }
}
`;
    const migrationsDir = path.resolve('migrations');
    await fs.writeFile(path.join(migrationsDir, `${fileName}.ts`), source);
    const indexFile = path.join(migrationsDir, 'index.ts');
    const index = await fs.readFile(indexFile, 'utf8');
    const importLine = `import { ${className} } from './${fileName}.js';\n`;
    const updated = index
      .replace(/^(\/\/.*\n)/, `$1${importLine}`)
      .replace(/export const migrations: Function\[\] = \[(.*)\];/s, (_match, list: string) => {
        const items = list
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean);
        return `export const migrations: Function[] = [${[...items, className].join(', ')}];`;
      });
    await fs.writeFile(indexFile, updated);
    process.stdout.write(`Written migrations/${fileName}.ts (${sql.upQueries.length} statements)\n`);
  }
} finally {
  await dataSource.destroy().catch(() => undefined);
  await embedded?.stop();
  if (embedded) await fs.rm(embedded.dataDir, { recursive: true, force: true });
  await fs.rm(scratch, { recursive: true, force: true });
}
