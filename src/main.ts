import { adminComponentsDir } from './common/project-root.js';
import { buildConfig, ConfigError, type AppConfig } from './config/config.js';

// The start counts from here: `npm start` may have rebuilt the sources first in this process.
const startedAt = performance.now();

// Check the configuration before loading the framework, so a typo is reported at once.
let config: AppConfig;
try {
  config = buildConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\nИсправьте переменные окружения (см. README) и запустите снова.\n`);
  process.exit(1);
}

// AdminJS reads these when it is first imported: serve the components bundle prebuilt by
// `npm run build` instead of running rollup at every start.
process.env.NODE_ENV ??= 'production';
process.env.ADMIN_JS_SKIP_BUNDLE = 'true';
process.env.ADMIN_JS_TMP_DIR = adminComponentsDir;

const { bootstrap } = await import('./bootstrap.js');
await bootstrap(config, startedAt);
