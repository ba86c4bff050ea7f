import { adminComponentsDir } from '../../common/project-root.js';

/**
 * `npm run build` step: bundles the back-office's React components once, so that `npm start`
 * serves a prebuilt bundle instead of running rollup at every start.
 */
process.env.NODE_ENV = 'production';
process.env.ADMIN_JS_TMP_DIR = adminComponentsDir;
process.env.ADMIN_JS_SKIP_BUNDLE = 'false';

const { default: AdminJS } = await import('adminjs');
const { componentLoader } = await import('../component-loader.js');
const started = Date.now();
await new AdminJS({ componentLoader }).initialize();
process.stdout.write(`Компоненты панели собраны в ${adminComponentsDir} за ${Date.now() - started} мс\n`);
