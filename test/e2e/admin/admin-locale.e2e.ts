import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { adminResources, buildAdminOptions } from '../../../src/admin/admin-options.js';
import { adminInterfaceRu } from '../../../src/admin/locale/ru/adminjs-interface.js';
import { projectRoot } from '../../../src/common/project-root.js';
import type { ClientBoardService } from '../../../src/modules/client/client-board.service.js';
import type { ClientStatusService } from '../../../src/modules/client/client-status.service.js';
import type { ClientService } from '../../../src/modules/client/client.service.js';
import { AttachmentStorage } from '../../../src/modules/client/attachments.js';
import type { HistoryService } from '../../../src/modules/client/history.service.js';
import type { DealService } from '../../../src/modules/deal/deal.service.js';
import type { LeadBoardService } from '../../../src/modules/lead/lead-board.service.js';
import type { LeadService } from '../../../src/modules/lead/lead.service.js';
import type { NotificationDispatcher } from '../../../src/modules/notification/notification.dispatcher.js';
import type { CountersService } from '../../../src/modules/counters/counters.service.js';
import type { ReportService } from '../../../src/modules/report/report.service.js';
import type { CommitteeHomeService } from '../../../src/modules/report/committee-home.service.js';
import type { NotificationService } from '../../../src/modules/notification/notification.service.js';
import type { ExportService } from '../../../src/modules/export/export.service.js';
import type { SearchService } from '../../../src/modules/search/search.service.js';
import type { UserService } from '../../../src/modules/user/user.service.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

const cyrillic = /[А-Яа-яЁё]/;

function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return { [prefix]: value };
  return Object.assign(
    {},
    ...Object.entries(value).map(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key)),
  );
}

describe('the Russian locale of the back-office', () => {
  it('shows booleans as «Да» / «Нет»', () => {
    const options = buildAdminOptions(dependencies());
    const resources = (
      options.locale as unknown as {
        translations: { ru: { resources: Record<string, { labels: unknown }> } };
      }
    ).translations.ru.resources;
    expect(resources.User.labels).toMatchObject({
      active: { true: 'Да', false: 'Нет' },
      role: { admin: 'Администратор' },
    });
    expect(resources.LoginAttempt.labels).toMatchObject({ succeeded: { true: 'Да', false: 'Нет' } });
    expect(resources.Premises.labels).toMatchObject({ active: { true: 'Да', false: 'Нет' } });
  });

  let database: TestDatabase;
  // Only the labels are read here: the services behind actions are never called.
  const dependencies = () => ({
    dataSource: database.dataSource,
    users: {} as UserService,
    leads: {} as LeadService,
    clients: {} as ClientService,
    clientStatuses: {} as ClientStatusService,
    history: {} as HistoryService,
    deals: {} as DealService,
    attachments: { storage: new AttachmentStorage(os.tmpdir()), maxBytes: 1 },
    notifications: {} as NotificationService,
    dispatcher: {} as NotificationDispatcher,
    reports: {} as ReportService,
    leadBoards: {} as LeadBoardService,
    clientBoards: {} as ClientBoardService,
    workspace: {} as CountersService,
    search: {} as SearchService,
    committeeHome: {} as CommitteeHomeService,
    exports: {} as ExportService,
  });
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('translates every key of AdminJS’s own interface', () => {
    const englishFile = path.join(
      projectRoot,
      'node_modules',
      'adminjs',
      'lib',
      'locale',
      'en',
      'translation.json',
    );
    const english = JSON.parse(readFileSync(englishFile, 'utf8')) as object;
    const russian = flatten(adminInterfaceRu);
    const missing = Object.keys(flatten(english))
      .filter((key) => !key.startsWith('components.LanguageSelector.availableLanguages'))
      .filter((key) => !(key in russian));
    expect(missing).toEqual([]);
    const untranslated = Object.entries(flatten(adminInterfaceRu)).filter(
      ([key, text]) =>
        text !== '' &&
        !cyrillic.test(String(text)) &&
        !['Kosino CRM', 'ID'].includes(String(text)) &&
        key !== '',
    );
    expect(untranslated).toEqual([]);
  });

  it('names every custom page in Russian', () => {
    const options = buildAdminOptions(dependencies());
    const labels = (options.locale as unknown as { translations: { ru: { pages: Record<string, string> } } })
      .translations.ru.pages;
    const pages = Object.keys(options.pages ?? {});
    expect(pages).toContain('search');
    expect(pages.filter((page) => !cyrillic.test(labels[page] ?? ''))).toEqual([]);
  });

  it('names every resource, every property and every enum value in Russian', () => {
    const resources = adminResources(dependencies());
    const problems: string[] = [];
    let checkedColumns = 0;
    for (const resource of resources) {
      const metadata = database.dataSource.getMetadata(resource.resource as Function);
      if (!cyrillic.test(resource.label)) problems.push(`${metadata.name}: resource label`);
      // A column never selected (a secret) is no AdminJS property at all (crm-typeorm-resource.ts).
      for (const column of metadata.columns.filter((candidate) => candidate.isSelect)) {
        checkedColumns += 1;
        const label = resource.propertyLabels[column.propertyName];
        if (!label || (!cyrillic.test(label) && label !== 'ID'))
          problems.push(`${metadata.name}.${column.propertyName}`);
        for (const value of column.enum ?? []) {
          if (!resource.valueLabels[`${column.propertyName}.${value}`]) {
            problems.push(`${metadata.name}.${column.propertyName} = ${value}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(resources.length).toBeGreaterThanOrEqual(13);
    expect(checkedColumns).toBeGreaterThan(60);
  });
});
