import { adminComponentsDir } from '../../common/project-root.js';
import { backOfficeScripts, precompressScripts, PRECOMPRESSED_DIR } from '../precompressed-assets.js';

/** `npm run build` step: the back-office's scripts compressed once (precompressed-assets.ts). */
process.env.NODE_ENV = 'production';
process.env.ADMIN_JS_TMP_DIR = adminComponentsDir;
const { Router } = await import('adminjs');
const started = Date.now();
const count = await precompressScripts(backOfficeScripts(Router.assets));
process.stdout.write(
  `Скрипты панели сжаты (${count}) в ${PRECOMPRESSED_DIR} за ${Date.now() - started} мс\n`,
);
