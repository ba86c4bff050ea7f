import { createRequire } from 'node:module';
import path from 'node:path';

import pdfmake from 'pdfmake';

import { buildAnnualReport } from './annual-report.js';
import { buildCommitteeReport } from './committee-report.js';
import type { ReportData } from './report-data.js';

const require = createRequire(import.meta.url);
const fontsFile = require.resolve('pdfmake/fonts/Roboto.js');
const fontsDirectory = path.dirname(fontsFile);
let configured = false;

/** pdfmake with Roboto (it has Cyrillic), no network and no files but the fonts. */
function configure(): void {
  if (configured) return;
  pdfmake.addFonts(require(fontsFile) as Parameters<typeof pdfmake.addFonts>[0]);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontsDirectory + path.sep));
  configured = true;
}

export function reportDocument(report: ReportData) {
  switch (report.kind) {
    case 'committee':
      return buildCommitteeReport(report.data);
    case 'annual':
      return buildAnnualReport(report.data);
  }
}

/**
 * Builds the PDF in the calling thread. pdfmake is synchronous CPU work: the app calls this only
 * inside the render worker (pdf-renderer.ts), never on the request thread.
 */
export async function renderPdf(report: ReportData): Promise<Buffer> {
  configure();
  const document = reportDocument(report);
  // A fixed creation date keeps the same data rendering to the same bytes.
  document.info = { ...document.info, creationDate: new Date(report.data.generatedAt) };
  return (await pdfmake.createPdf(document).getBuffer()) as Buffer;
}
