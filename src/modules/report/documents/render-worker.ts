import { parentPort, workerData } from 'node:worker_threads';

import type { ReportData } from './report-data.js';
import { renderPdf } from './render-pdf.js';

// One report per worker: build it off the main thread and hand the bytes back without copying.
const pdf = await renderPdf(workerData as ReportData);
const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
parentPort!.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
