import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';

import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { testServerUrl } from '../../helpers/test-database.js';

describe('/health', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close().catch(() => undefined);
  });

  it('answers 200 with the database check while the database answers', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('answers 503 in Russian when the database is gone', async () => {
    const admin = new pg.Client({ connectionString: testServerUrl() });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE ${pg.escapeIdentifier(testApp.database.name)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    const response = await request(testApp.app.getHttpServer()).get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      status: 'error',
      database: 'unavailable',
      message: 'База данных недоступна',
    });
  });
});
