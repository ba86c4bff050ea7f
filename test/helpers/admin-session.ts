import request from 'supertest';

import type { TestApp } from './test-app.js';
import { TEST_PASSWORD } from './users.js';

/** A browser-like client of the back-office that keeps its cookies, logged in as `email`. */
export async function logIn(testApp: TestApp, email: string, password = TEST_PASSWORD) {
  const agent = request.agent(testApp.app.getHttpServer());
  const response = await agent.post('/admin/login').type('form').send({ email, password });
  if (response.status !== 302 || response.headers.location !== '/admin') {
    throw new Error(`Login as ${email} failed: ${response.status} ${response.headers.location ?? ''}`);
  }
  return agent;
}
