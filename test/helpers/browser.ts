import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { TEST_PASSWORD } from './users.js';

/**
 * Debian's Chromium, headless, with every network request recorded (the tests allow loopback only);
 * in the machine's time zone unless `timezoneId` says another.
 */
export async function openBrowser({
  javaScriptEnabled = true,
  timezoneId,
}: { javaScriptEnabled?: boolean; timezoneId?: string } = {}): Promise<{
  context: BrowserContext;
  requests: string[];
  close(): Promise<void>;
}> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: 'ru-RU',
    timezoneId,
    javaScriptEnabled,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  return {
    context,
    requests,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the back-office's login page. */
export async function logInPage(
  page: Page,
  baseUrl: string,
  email: string,
  password = TEST_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.getByRole('button', { name: 'Войти' }).click();
}
