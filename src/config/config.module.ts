import { Global, Module, type DynamicModule } from '@nestjs/common';

import { type AppConfig } from './config.js';
import { APP_CONFIG, SESSION_SECRET } from './tokens.js';

/**
 * Makes what the boot resolved injectable everywhere: the validated config (`@Inject(APP_CONFIG)`)
 * and the session secret (from SESSION_SECRET or generated once and kept in the database).
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, sessionSecret: string): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: SESSION_SECRET, useValue: sessionSecret },
      ],
      exports: [APP_CONFIG, SESSION_SECRET],
    };
  }
}
