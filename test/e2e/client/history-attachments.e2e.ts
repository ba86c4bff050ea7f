import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';

import { ClientService } from '../../../src/modules/client/client.service.js';
import { logIn } from '../../helpers/admin-session.js';
import {
  startSecondInstance,
  startTestApp,
  type SecondInstance,
  type TestApp,
} from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

// An app of its own, with a 1 MB limit.
describe('files attached to history events', () => {
  let testApp: TestApp;
  let secondInstance: SecondInstance;
  let manager: Agent;
  let otherManager: Agent;
  let clientId: number;
  let typeId: number;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);

  beforeAll(async () => {
    testApp = await startTestApp({ UPLOAD_MAX_MB: '1' });
    // The other manager works through a second instance on the same database and upload folder.
    secondInstance = await startSecondInstance(testApp, { UPLOAD_MAX_MB: '1' });
    const [{ id: departmentId }] = (await testApp.dataSource.query(`SELECT id FROM department LIMIT 1`)) as {
      id: number;
    }[];
    const user = await createUser(testApp.app, 'manager', { departmentId });
    manager = await logIn(testApp, user.email);
    otherManager = await logIn(
      { ...testApp, app: secondInstance.app, baseUrl: secondInstance.baseUrl },
      (await createUser(testApp.app, 'manager', { departmentId })).email,
    );
    clientId = (
      await testApp.app
        .get(ClientService)
        .create({ companyName: 'ООО «Файлы»', source: 'Звонок' }, { id: user.id, departmentId })
    ).id;
    [{ id: typeId }] = (await testApp.dataSource.query(
      `SELECT id FROM history_event_type WHERE code = 'after_sales'`,
    )) as { id: number }[];
  });
  afterAll(async () => {
    await secondInstance?.close();
    await testApp.close();
  });

  const events = async () =>
    (await testApp.dataSource.query(
      `SELECT id, attachment_keys AS keys, attachment_names AS names, attachment_sizes AS sizes,
              attachment_mime_types AS types FROM history_event WHERE client_id = $1 ORDER BY id`,
      [clientId],
    )) as { id: number; keys: string[]; names: string[]; sizes: number[]; types: string[] }[];

  const upload = (agent: Agent, file: Buffer, filename: string, contentType: string) =>
    agent
      .post('/admin/api/resources/HistoryEvent/actions/new')
      .field('clientId', String(clientId))
      .field('typeId', String(typeId))
      .field('comment', 'Подписанный акт')
      .attach('files.0', file, { filename, contentType });

  it('stores a file with the event and serves it only to logged-in administrators and managers', async () => {
    const response = await upload(manager, pdf, 'Акт приёма-передачи.pdf', 'application/pdf');
    expect(response.body.notice).toEqual({ message: 'historyEventSaved', type: 'success' });
    expect(response.body.redirectUrl).toBe(`/admin/resources/Client/records/${clientId}/show`);
    const [event] = await events();
    expect(event).toMatchObject({
      names: ['Акт приёма-передачи.pdf'],
      sizes: [pdf.length],
      types: ['application/pdf'],
    });
    const [key] = event.keys;
    expect(key).toMatch(new RegExp(`^${event.id}/[0-9a-f-]{36}/Акт приёма-передачи\\.pdf$`));
    const stored = path.join(testApp.config.uploads.directory, key);
    expect(readFileSync(stored)).toEqual(pdf);

    const url = `/admin/files/${key.split('/').map(encodeURIComponent).join('/')}`;
    const download = await manager.get(url).buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(Buffer.from(download.body as Buffer)).toEqual(pdf);

    const anonymous = await request(testApp.app.getHttpServer()).get(url);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe('/admin/login');
    const committee = await logIn(testApp, (await createUser(testApp.app, 'committee')).email);
    expect((await committee.get(url)).status).toBe(403);
    expect((await manager.get('/admin/files/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await manager.get(`/admin/files/${event.id}/unknown/file.pdf`)).status).toBe(404);
  });

  it('refuses a file over the size limit or of another type with a Russian message, writing nothing', async () => {
    const before = await events();
    const big = await upload(manager, Buffer.alloc(1.5 * 1024 * 1024, 0x41), 'big.pdf', 'application/pdf');
    expect(big.body.notice).toEqual({ message: 'Файл слишком большой', type: 'error' });
    expect(big.body.record.errors.files.message).toBe('Файл «big.pdf» больше 1 МБ');
    const html = await upload(manager, Buffer.from('<script>alert(1)</script>'), 'page.html', 'text/html');
    expect(html.body.notice).toEqual({ message: 'Такой тип файла не принимается', type: 'error' });
    expect(html.body.record.errors.files.message).toContain('можно прикладывать PDF');
    const long = await upload(manager, pdf, `${'д'.repeat(300)}.pdf`, 'application/pdf');
    expect(long.body.notice).toEqual({ message: 'Слишком длинное имя файла', type: 'error' });
    expect(long.body.record.errors.files.message).toBe('Имя файла длиннее 255 символов — сократите его');
    expect(await events()).toEqual(before);
    expect(existsSync(path.join(testApp.config.uploads.directory, 'big.pdf'))).toBe(false);
  });

  it('refuses a form field posing as an uploaded file, leaving the named file alone', async () => {
    const victim = path.join(os.tmpdir(), `kosino-crm-victim-${process.pid}.txt`);
    writeFileSync(victim, 'secret');
    try {
      const before = await events();
      const forged = await manager
        .post('/admin/api/resources/HistoryEvent/actions/new')
        .type('form')
        .send({
          clientId: String(clientId),
          typeId: String(typeId),
          comment: 'x',
          'files.0.path': victim,
          'files.0.name': 'a.txt',
          'files.0.type': 'text/plain',
          'files.0.size': '1',
        });
      expect(forged.body.notice).toEqual({ message: 'Файл не получен', type: 'error' });
      expect(readFileSync(victim, 'utf8')).toBe('secret');
      expect(await events()).toEqual(before);
    } finally {
      rmSync(victim, { force: true });
    }
  });

  it('keeps odd names harmless, accepts ZIP as Windows browsers label it, and checks type with the name', async () => {
    const dots = await upload(manager, pdf, '..', 'application/pdf');
    expect(dots.body.notice.type).toBe('error'); // no extension: not a PDF by name
    const zip = await upload(
      manager,
      Buffer.from('PK\u0003\u0004'),
      'Документы.zip',
      'application/x-zip-compressed',
    );
    expect(zip.body.notice).toEqual({ message: 'historyEventSaved', type: 'success' });
    const renamed = await upload(manager, Buffer.from('<html>'), 'page.pdf.html', 'application/pdf');
    expect(renamed.body.notice).toEqual({ message: 'Такой тип файла не принимается', type: 'error' });
    const long = await upload(manager, pdf, `${'文'.repeat(150)}.pdf`, 'application/pdf');
    expect(long.body.notice.type).toBe('success');
    const [last] = (await events()).slice(-1);
    expect(Buffer.byteLength(last.keys[0].split('/')[2])).toBeLessThanOrEqual(200);
    expect(last.keys[0].endsWith('.pdf')).toBe(true);
  });

  it('refuses deleting files the event does not have, changing nothing', async () => {
    const [event] = await events();
    const refused = await manager
      .post(`/admin/api/resources/HistoryEvent/records/${event.id}/edit`)
      .type('form')
      .send({
        clientId: String(clientId),
        typeId: String(typeId),
        comment: 'Изменено',
        'filesToDelete.0': '7',
      });
    expect(refused.body.notice).toEqual({ message: 'Проверьте заполнение полей', type: 'error' });
    const [after] = await events();
    expect(after).toEqual(event);
  });

  /** «Изменить» of an event as its form posts it: the fields unchanged, files added or removed. */
  const edit = (agent: Agent, eventId: number, files: { add?: string[]; remove?: number[] }) => {
    let post = agent
      .post(`/admin/api/resources/HistoryEvent/records/${eventId}/edit`)
      .field('clientId', String(clientId))
      .field('typeId', String(typeId))
      .field('comment', 'Подписанный акт');
    (files.add ?? []).forEach((name, index) => {
      post = post.attach(`files.${index}`, Buffer.from(`%PDF-1.4 ${name}`), {
        filename: name,
        contentType: 'application/pdf',
      });
    });
    (files.remove ?? []).forEach((index, at) => {
      post = post.field(`filesToDelete.${at}`, String(index));
    });
    return post;
  };
  const eventOf = async (id: number) => (await events()).find((event) => event.id === id)!;
  /** The files stored on the disk for an event. */
  const storedFiles = (eventId: number) => {
    const folder = path.join(testApp.config.uploads.directory, String(eventId));
    return existsSync(folder)
      ? readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length
      : 0;
  };

  it('keeps every file when two managers add files to one event at the same moment, through two instances', async () => {
    await upload(manager, pdf, 'Договор.pdf', 'application/pdf');
    const eventId = (await events()).slice(-1)[0].id;
    for (let round = 1; round <= 3; round += 1) {
      const [first, second] = await Promise.all([
        edit(manager, eventId, { add: [`Первый ${round}.pdf`] }),
        edit(otherManager, eventId, { add: [`Второй ${round}.pdf`, `Второй ${round}б.pdf`] }),
      ]);
      expect([first.body.notice, second.body.notice]).toEqual([
        { message: 'historyEventSaved', type: 'success' },
        { message: 'historyEventSaved', type: 'success' },
      ]);
    }
    const event = await eventOf(eventId);
    const expected = ['Договор.pdf'];
    for (let round = 1; round <= 3; round += 1)
      expected.push(`Первый ${round}.pdf`, `Второй ${round}.pdf`, `Второй ${round}б.pdf`);
    expect([...event.names].sort()).toEqual(expected.sort());
    // Index by index: each key is its name's file, of its type and size.
    event.names.forEach((name, index) => {
      expect(event.keys[index].endsWith(`/${name}`)).toBe(true);
      expect(event.types[index]).toBe('application/pdf');
      const file = path.join(testApp.config.uploads.directory, event.keys[index]);
      expect(event.sizes[index]).toBe(readFileSync(file).length);
    });
    expect(storedFiles(eventId)).toBe(expected.length);
  });

  it('removes the file one manager deletes while another adds one, keeping the addition', async () => {
    await upload(manager, pdf, 'Старый.pdf', 'application/pdf');
    const eventId = (await events()).slice(-1)[0].id;
    await edit(manager, eventId, { add: ['Оставить.pdf'] });
    const before = await eventOf(eventId);
    expect(before.names).toEqual(['Старый.pdf', 'Оставить.pdf']);

    const [removal, addition] = await Promise.all([
      edit(manager, eventId, { remove: [0] }),
      edit(otherManager, eventId, { add: ['Новый.pdf'] }),
    ]);

    expect(removal.body.notice.type).toBe('success');
    expect(addition.body.notice.type).toBe('success');
    const after = await eventOf(eventId);
    expect(after.names).toEqual(['Оставить.pdf', 'Новый.pdf']);
    expect(after.keys[0]).toBe(before.keys[1]);
    expect(existsSync(path.join(testApp.config.uploads.directory, before.keys[0]))).toBe(false);
    expect(storedFiles(eventId)).toBe(2);
  });

  it('removes an event’s files from the disk when an administrator deletes the event', async () => {
    await upload(manager, pdf, 'Удаляемый.pdf', 'application/pdf');
    const event = (await events()).slice(-1)[0];
    await edit(otherManager, event.id, { add: ['Ещё.pdf'] });
    expect(storedFiles(event.id)).toBe(2);
    const refused = await manager.post(`/admin/api/resources/HistoryEvent/records/${event.id}/delete`);
    expect(refused.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    const admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);
    const deleted = await admin.post(`/admin/api/resources/HistoryEvent/records/${event.id}/delete`);
    expect(deleted.body.notice).toEqual({ message: 'successfullyDeleted', type: 'success' });
    expect(await eventOf(event.id)).toBeUndefined();
    expect(existsSync(path.join(testApp.config.uploads.directory, String(event.id)))).toBe(false);
  });

  it('removes the files from the disk when an administrator deletes the client', async () => {
    const stored = (await events()).flatMap((event) => event.keys);
    expect(stored.length).toBeGreaterThan(0);
    const refused = await manager.post(`/admin/api/resources/Client/records/${clientId}/delete`);
    expect(refused.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    const admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);
    const deleted = await admin.post(`/admin/api/resources/Client/records/${clientId}/delete`);
    expect(deleted.body.notice).toEqual({ message: 'successfullyDeleted', type: 'success' });
    expect(await events()).toEqual([]);
    for (const key of stored) {
      expect(existsSync(path.join(testApp.config.uploads.directory, key))).toBe(false);
      expect(existsSync(path.join(testApp.config.uploads.directory, key.split('/')[0]))).toBe(false);
    }
  });
});
