import request from 'supertest';

import type { TestApp } from './test-app.js';
import { TEST_PASSWORD } from './users.js';

/**
 * A browser-like client of the back-office that keeps its cookies, logged in as `email`. Like a
 * browser it says where its requests come from (`Origin`: the back-office's own address).
 */
export async function logIn(testApp: TestApp, email: string, password = TEST_PASSWORD) {
  const agent = request.agent(testApp.app.getHttpServer()).set('Origin', testApp.baseUrl);
  const response = await agent.post('/admin/login').type('form').send({ email, password });
  if (response.status !== 302 || response.headers.location !== '/admin') {
    throw new Error(`Login as ${email} failed: ${response.status} ${response.headers.location ?? ''}`);
  }
  return agent;
}
