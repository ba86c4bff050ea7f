import { DataSource } from 'typeorm';

import { migrations } from '../../migrations/index.js';
import { AuditUserSubscriber } from '../modules/audit/audit-user.subscriber.js';
import { entities } from './entities.js';
import { SnakeNamingStrategy } from './naming-strategy.js';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** The one way the app, the seeds, the CLI scripts and the tests reach PostgreSQL. */
export function buildDataSource({ url, poolSize = 10, applicationName = 'kosino-crm' }: DataSourceSettings) {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    subscribers: [AuditUserSubscriber],
    migrations,
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
    applicationName,
    poolSize,
    extra: { connectionTimeoutMillis: 5000 },
  });
}
