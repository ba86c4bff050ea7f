import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { projectRoot } from '../../../common/project-root.js';
import type { ReportData } from './report-data.js';

/** The compiled worker: beside this file in dist/, or dist/ of the project when running from src/ (tests). */
function workerFile(): string {
  const beside = fileURLToPath(new URL('./render-worker.js', import.meta.url));
  return existsSync(beside)
    ? beside
    : path.join(projectRoot, 'dist', 'src', 'modules', 'report', 'documents', 'render-worker.js');
}

/** Memory a render may take before its worker is stopped (a runaway report cannot take the app down). */
const WORKER_HEAP_MB = 512;
/** A render that takes longer is stopped (and its report's transaction rolled back). */
const RENDER_TIMEOUT_MS = 120_000;

/**
 * Renders a report to PDF in a worker thread, so the back-office keeps answering while a large
 * report is built. One worker per report: reports are few, and a finished worker frees its memory.
 */
export function renderInWorker(report: ReportData, timeoutMs = RENDER_TIMEOUT_MS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), {
      workerData: report,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new Error(`Построение PDF не уложилось в ${timeoutMs / 1000} с`)));
      void worker.terminate();
    }, timeoutMs);
    worker.once('message', (bytes: Uint8Array) =>
      finish(() => resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`Построение PDF прервано (код ${code})`))));
  });
}
