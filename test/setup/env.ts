import { adminComponentsDir } from '../../src/common/project-root.js';

// As in src/main.ts: AdminJS reads these when first imported. Production mode serves the
// prebuilt components bundle and starts no rollup watcher that would outlive the test.
process.env.NODE_ENV = 'production';
process.env.ADMIN_JS_SKIP_BUNDLE = 'true';
process.env.ADMIN_JS_TMP_DIR = adminComponentsDir;
