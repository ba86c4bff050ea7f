import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';

import { startTestApp, type TestApp } from '../../helpers/test-app.js';

/**
 * Thousands of random and hostile bodies at the public intake (the JSON API and the plain form):
 * never a 5xx, always a Russian message on a refusal, and a row only for an accepted request.
 */
describe('the public intake under random and hostile input', () => {
  let testApp: TestApp;
  let objectTypeIds: number[];
  const server = () => testApp.app.getHttpServer();
  const accepted = new Set<number>(); // ids answered by the API
  let formSubmissions = 0; // 303s of the plain form
  let leadsBefore = 0;
  const leads = async () =>
    ((await testApp.dataSource.query('SELECT count(*)::int AS count FROM lead')) as { count: number }[])[0]
      .count;

  beforeAll(async () => {
    testApp = await startTestApp({ LEAD_INTAKE_PER_MINUTE: '1000000' });
    objectTypeIds = (
      (await testApp.dataSource.query('SELECT id FROM object_type ORDER BY id')) as { id: number }[]
    ).map((row) => row.id);
    leadsBefore = await leads();
  });
  afterAll(async () => {
    await testApp.close();
  });

  const hostileKey = fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'website',
    'draftToken',
    'draft',
  );
  const fieldName = fc.oneof(
    fc.constantFrom('name', 'company', 'phone', 'email', 'objectTypeId', 'extra', 'consent'),
    hostileKey,
    fc.string({ maxLength: 12 }),
  );
  const hugeString = fc.integer({ min: 1, max: 20_000 }).map((length) => 'Я'.repeat(length));
  const oddString = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }), // lone surrogates and other odd code points
    fc.constantFrom('\u0000', 'NaN', '-1', '1e309', '0x10', ' ', '+7', '8 (495) 123-45-67', 'a@b.c', 'on'),
    hugeString,
  );
  const value: fc.Arbitrary<unknown> = fc.oneof(
    oddString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(...[1, 2, 3, 5, 8, 13]),
    fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 5 })), fc.string({ maxLength: 5 }), {
      maxKeys: 3,
    }),
  );
  // Plausible bodies with hostile values, so that many get far into the checks and some all the way.
  const mostly = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<unknown>) =>
    fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: odd, weight: 1 });
  const goodFields = {
    name: fc.constantFrom('Иван', 'Мария-Луиза', "O'Brien"),
    company: fc.constantFrom('ООО «Экор»', 'ИП Петров', ''),
    phone: fc.constantFrom('+7 495 123-45-67', '8 (916) 765-43-21', '84951234567'),
    email: fc.constantFrom('ivan@example.ru', 'a.b@почта.рф', ''),
    objectTypeId: fc.constantFrom(1, 2, 3, 15, '7', 999_999),
    extra: fc.string({ unit: 'grapheme', maxLength: 40 }),
  };
  const leadLike = fc
    .record(
      {
        name: mostly(goodFields.name, value),
        company: mostly(goodFields.company, value),
        phone: mostly(goodFields.phone, value),
        email: mostly(goodFields.email, value),
        objectTypeId: mostly(goodFields.objectTypeId, value),
        extra: mostly(goodFields.extra, value),
        consent: mostly(fc.constant(true), value),
        draft: mostly(fc.boolean(), value),
        draftToken: fc.oneof(fc.uuid(), value),
        website: fc.oneof({ arbitrary: fc.constant(''), weight: 4 }, { arbitrary: value, weight: 1 }),
      },
      { requiredKeys: [] },
    )
    .chain((body) =>
      fc
        .dictionary(fieldName, value, { maxKeys: 2 })
        .map((extra) => Object.assign(Object.create(null) as object, body, extra)),
    );
  const anyJson = fc.oneof(fc.jsonValue(), leadLike);

  function expectAnswer(response: request.Response, body: unknown): void {
    if (response.status >= 500) {
      throw new Error(`${response.status} для ${JSON.stringify(body)?.slice(0, 300)}: ${response.text}`);
    }
    if (response.status === 201 || response.status === 303) return;
    expect([400, 409, 413, 415, 422]).toContain(response.status);
    const message = response.type === 'application/json' ? String(response.body.message) : response.text;
    expect(message).toMatch(/[а-яё]/i);
  }

  it('answers every JSON body with a success or a Russian 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyJson, async (body) => {
        const response = await request(server())
          .post('/api/leads')
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body) ?? 'null');
        expectAnswer(response, body);
        if (response.status === 201) accepted.add(response.body.id as number);
      }),
      { numRuns: 1500 },
    );
  });

  it('answers every form body the same way', async () => {
    const text = (good: fc.Arbitrary<unknown>) => mostly(good.map(String), oddString);
    const formLike = fc.record(
      {
        name: text(goodFields.name),
        company: text(goodFields.company),
        phone: text(goodFields.phone),
        email: text(goodFields.email),
        objectTypeId: text(fc.constantFrom(...objectTypeIds.slice(0, 3), 999_999)),
        extra: text(goodFields.extra),
        consent: text(fc.constant('on')),
        website: fc.oneof({ arbitrary: fc.constant(''), weight: 4 }, { arbitrary: oddString, weight: 1 }),
      },
      { requiredKeys: [] },
    );
    const hostile = fc.dictionary(
      fc.oneof(
        fieldName,
        fc.constantFrom(
          'name[]',
          'phone[a]',
          '__proto__[polluted]',
          'constructor[prototype][x]',
          'a[b][c][d]',
        ),
      ),
      oddString,
      { maxKeys: 3 },
    );
    const formBody = fc
      .tuple(formLike, hostile)
      .map(([fields, extra]) => [...Object.entries(fields), ...Object.entries(extra)] as [string, string][]);
    await fc.assert(
      fc.asyncProperty(formBody, async (fields) => {
        const encoded = new URLSearchParams(fields).toString();
        const response = await request(server())
          .post('/form')
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .send(encoded);
        expectAnswer(response, fields);
        if (response.status === 303) formSubmissions += 1;
      }),
      { numRuns: 1000 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers raw bytes — invalid UTF-8, broken JSON, odd content types — without a 5xx', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=koi8-r',
      'application/json; charset=nonsense',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/xml',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { arbitrary: fc.uint8Array({ maxLength: 300 }), weight: 20 },
          { arbitrary: fc.constant(new Uint8Array(200_000).fill(0x7b)), weight: 1 },
        ),
        contentType,
        fc.constantFrom('/api/leads', '/form'),
        async (bytes, type, url) => {
          const response = await request(server())
            .post(url)
            .set('Content-Type', type)
            .send(Buffer.from(bytes));
          expectAnswer(response, `${bytes.length} байт ${type}`);
          if (response.status === 201) accepted.add(response.body.id as number);
          if (response.status === 303) formSubmissions += 1;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('wrote a lead for each accepted request and for nothing else', async () => {
    // Draft tokens are made by the server, so every success is a new row.
    expect(accepted.size).toBeGreaterThan(0);
    expect(formSubmissions).toBeGreaterThan(0);
    expect(await leads()).toBe(leadsBefore + accepted.size + formSubmissions);
    const found = (await testApp.dataSource.query(
      'SELECT count(*)::int AS count FROM lead WHERE id = ANY($1)',
      [[...accepted]],
    )) as { count: number }[];
    expect(found[0].count).toBe(accepted.size);
  });
});
