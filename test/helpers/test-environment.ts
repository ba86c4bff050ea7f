import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Folders of one test's app: its mail (without SMTP_URL mail is written as .eml files) and uploads. */
export interface TestFolders {
  mailDir: string;
  uploadDir: string;
  remove(): Promise<void>;
}

/** Folders of this test, never the project's var/. */
export async function createTestFolders(): Promise<TestFolders> {
  const mailDir = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-test-mail-'));
  const uploadDir = await mkdtemp(path.join(os.tmpdir(), 'kosino-crm-test-uploads-'));
  return {
    mailDir,
    uploadDir,
    remove: async () => {
      await rm(mailDir, { recursive: true, force: true });
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}

/** The environment of an app under test: quiet, its own folders, no schedules, limits out of the way. */
export function testEnvironment(
  databaseUrl: string,
  mailDir: string,
  uploadDir: string,
  env: Record<string, string>,
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    MAIL_DIR: mailDir,
    UPLOAD_DIR: uploadDir,
    // Background exports' files: in the test's own folders too (removed with them).
    EXPORT_DIR: path.join(uploadDir, '.exports'),
    // Tests that need the report schedule drive it themselves (ReportScheduler.runDue with a fixed clock).
    REPORT_SCHEDULE: 'off',
    // Likewise the reminders (ReminderService with a fixed clock), the drafts' retention and the
    // housekeeping (HousekeepingService.run).
    REMINDER_SCHEDULE: 'off',
    DRAFT_RETENTION_SCHEDULE: 'off',
    HOUSEKEEPING_SCHEDULE: 'off',
    // Imports run when a test calls ImportWorker.runNext.
    IMPORT_WORKER: 'off',
    // The suite's fuzzers and loops send far more than a person; tests of the limits set their own.
    ADMIN_REQUESTS_PER_MINUTE: '1000000',
    ADMIN_REQUESTS_PER_MINUTE_PER_IP: '1000000',
    ...env,
  };
}
