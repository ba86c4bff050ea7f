import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';

import { logIn } from '../../helpers/admin-session.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createUser } from '../../helpers/users.js';

describe('administrators editing dictionaries and users', () => {
  let testApp: TestApp;
  let admin: Agent;
  const query = (sql: string, parameters: unknown[] = []) =>
    testApp.dataSource.query(sql, parameters) as Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await logIn(testApp, (await createUser(testApp.app, 'admin')).email);
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('refuses a short password for a new user with a Russian message and creates nobody', async () => {
    const response = await admin
      .post('/admin/api/resources/User/actions/new')
      .type('form')
      .send({ email: 'short@kosino.test', fullName: 'Короткий Пароль', role: 'manager', password: 'short' });
    expect(response.body.record.errors.password.message).toBe('Пароль должен быть не короче 10 символов');
    expect(await query(`SELECT 1 FROM app_user WHERE email = 'short@kosino.test'`)).toHaveLength(0);
  });

  it('creates a user whose password is hashed and never sent back', async () => {
    const response = await admin.post('/admin/api/resources/User/actions/new').type('form').send({
      email: 'New.Manager@Kosino.test',
      fullName: 'Новый Менеджер',
      role: 'manager',
      password: 'a-long-enough-pass',
    });
    expect(response.body.notice).toEqual({ message: 'successfullyCreated', type: 'success' });
    expect(JSON.stringify(response.body)).not.toMatch(/argon2|a-long-enough-pass/);
    const [row] = await query(`SELECT password_hash FROM app_user WHERE email = 'new.manager@kosino.test'`);
    expect(String(row.password_hash)).toMatch(/^\$argon2id\$/);
    const list = await admin.get('/admin/api/resources/User/actions/list');
    expect(JSON.stringify(list.body)).not.toMatch(/argon2/);
    await expect(logIn(testApp, 'new.manager@kosino.test', 'a-long-enough-pass')).resolves.toBeDefined();
  });

  it('keeps the password when a user is edited without a new one', async () => {
    const user = await createUser(testApp.app, 'manager');
    const [before] = await query(`SELECT password_hash FROM app_user WHERE id = $1`, [user.id]);
    const response = await admin
      .post(`/admin/api/resources/User/records/${user.id}/edit`)
      .type('form')
      .send({ fullName: 'Переименованный', password: '' });
    expect(response.body.notice.type).toBe('success');
    const [after] = await query(`SELECT full_name, password_hash FROM app_user WHERE id = $1`, [user.id]);
    expect(after).toEqual({ full_name: 'Переименованный', password_hash: before.password_hash });
  });

  it('logs a user out everywhere when an administrator changes their password', async () => {
    const user = await createUser(testApp.app, 'manager');
    const userAgent = await logIn(testApp, user.email);
    expect((await userAgent.get('/admin')).status).toBe(200);
    const response = await admin
      .post(`/admin/api/resources/User/records/${user.id}/edit`)
      .type('form')
      .send({ password: 'a-brand-new-password' });
    expect(response.body.notice.type).toBe('success');
    const after = await userAgent.get('/admin');
    expect(after.status).toBe(302);
    expect(after.headers.location).toBe('/admin/login');
  });

  it('refuses a duplicate department name on that field, in Russian', async () => {
    const response = await admin
      .post('/admin/api/resources/Department/actions/new')
      .type('form')
      .send({ name: 'Департамент ВЭД' });
    expect(response.body.record.errors.name.message).toBe('Такое значение уже есть — выберите другое');
    expect(await query(`SELECT id FROM department WHERE name = 'Департамент ВЭД'`)).toHaveLength(1);
  });

  it('refuses a manager address that is not an e-mail, on its field', async () => {
    const [department] = await query(
      `SELECT id, manager_emails FROM department WHERE name = 'Департамент ВЭД'`,
    );
    const response = await admin
      .post(`/admin/api/resources/Department/records/${department.id}/edit`)
      .type('form')
      .send({ 'managerEmails.0': 'ved@kosino.test', 'managerEmails.1': 'не адрес' });
    expect(response.body.record.errors.managerEmails.message).toBe(
      'Каждый адрес должен быть адресом эл. почты',
    );
    const [after] = await query(`SELECT manager_emails FROM department WHERE id = $1`, [department.id]);
    expect(after.manager_emails).toEqual(department.manager_emails);
  });

  it('refuses text with a NUL character in Russian', async () => {
    const response = await admin
      .post('/admin/api/resources/ProductCategory/actions/new')
      .type('form')
      .send({ name: 'Сыр\u0000ы' });
    expect(response.status).toBe(200);
    expect(response.body.notice).toEqual({ message: 'Текст содержит недопустимые символы', type: 'error' });
  });

  it('refuses a blank name', async () => {
    const response = await admin
      .post('/admin/api/resources/ProductCategory/actions/new')
      .type('form')
      .send({ name: '   ' });
    expect(response.body.record.errors.name.message).toBe('Поле не может быть пустым');
    expect(await query(`SELECT id FROM product_category WHERE btrim(name) = ''`)).toHaveLength(0);
  });

  it('refuses to delete a department that object types belong to', async () => {
    const [department] = await query(`SELECT id FROM department WHERE name = 'Департамент ВЭД'`);
    const response = await admin.post(`/admin/api/resources/Department/records/${department.id}/delete`);
    expect(response.body.notice).toEqual({
      message: 'Запись используется в других записях, поэтому её нельзя удалить',
      type: 'error',
    });
    expect(await query(`SELECT id FROM department WHERE id = $1`, [department.id])).toHaveLength(1);
  });

  it('refuses premises with a non-positive area', async () => {
    const [objectType] = await query(`SELECT id FROM object_type WHERE name = 'Аптека'`);
    const response = await admin
      .post('/admin/api/resources/Premises/actions/new')
      .type('form')
      .send({ objectTypeId: objectType.id, zone: 'А', sector: '1', number: 'А-101', areaM2: '-5' });
    expect(response.body.notice).toEqual({ message: 'Площадь должна быть больше нуля', type: 'error' });
    expect(await query(`SELECT id FROM premises`)).toHaveLength(0);
  });

  it('creates premises in the objects directory', async () => {
    const [objectType] = await query(`SELECT id FROM object_type WHERE name = 'Аптека'`);
    const response = await admin
      .post('/admin/api/resources/Premises/actions/new')
      .type('form')
      .send({ objectTypeId: objectType.id, zone: 'А', sector: '1', number: 'А-101', areaM2: '120.5' });
    expect(response.body.notice.type).toBe('success');
    expect(await query(`SELECT number, area_m2 FROM premises`)).toEqual([
      { number: 'А-101', area_m2: '120.50' },
    ]);
  });
});
