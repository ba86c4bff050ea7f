import { adminComponentsDir } from './common/project-root.js';

// AdminJS reads these when it is first imported: serve the components bundle prebuilt by
// `npm run build` instead of running rollup at every start.
process.env.NODE_ENV ??= 'production';
process.env.ADMIN_JS_SKIP_BUNDLE = 'true';
process.env.ADMIN_JS_TMP_DIR = adminComponentsDir;

const { bootstrap } = await import('./bootstrap.js');
await bootstrap();
