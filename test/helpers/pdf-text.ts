import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { Response } from 'supertest';

const run = promisify(execFile);

/**
 * The text of a PDF as `pdftotext -layout` (Debian's poppler-utils) reads it, with the no-break
 * spaces of Russian numbers and runs of spaces made single spaces, so a table row reads
 * `Новый 0 1 1` and a sum `1 000 001,00 ₽`.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-pdf-'));
  try {
    const file = path.join(folder, 'report.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** How many pages the PDF has (pdfinfo). */
export async function pdfPages(pdf: Buffer): Promise<number> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-pdf-'));
  try {
    const file = path.join(folder, 'report.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdfinfo', [file]);
    return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A supertest parser that keeps a response's body as bytes (a PDF download). */
export function asBuffer(response: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}
