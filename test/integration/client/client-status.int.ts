import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ClientStatusService } from '../../../src/modules/client/client-status.service.js';
import { ClientService } from '../../../src/modules/client/client.service.js';
import { Client } from '../../../src/modules/client/entities/client.entity.js';
import { startServices, type TestServices } from '../../helpers/test-services.js';
import { createUser } from '../../helpers/users.js';

describe('client status pipelines', () => {
  let testApp: TestServices;
  let clients: ClientService;
  let statuses: ClientStatusService;
  let actor: { id: number };
  let departmentId: number;
  let sectors: Record<string, number>;

  beforeAll(async () => {
    testApp = await startServices();
    clients = testApp.app.get(ClientService);
    statuses = testApp.app.get(ClientStatusService);
    [{ id: departmentId }] = (await testApp.dataSource.query(
      `SELECT id FROM department WHERE name = 'Сектор инфраструктуры и проектов'`,
    )) as { id: number }[];
    actor = { id: (await createUser(testApp.app, 'manager', { departmentId })).id };
    sectors = Object.fromEntries(
      (
        (await testApp.dataSource.query('SELECT code, id FROM client_sector')) as {
          code: string;
          id: number;
        }[]
      ).map((row) => [row.code, row.id]),
    );
  });
  afterAll(async () => {
    await testApp.close();
  });

  let counter = 0;
  const newClient = (sectorCode = 'sector_3') =>
    clients.create(
      {
        companyName: `Клиент ${(counter += 1)}-${sectorCode}`,
        source: 'Звонок',
        sectorId: sectors[sectorCode],
        confirmNotDuplicate: true,
      },
      { id: actor.id, departmentId },
    );

  /** The stage and item names of a card now. */
  async function where(id: number): Promise<[string, string | null]> {
    const [row] = (await testApp.dataSource.query(
      `SELECT s.name AS stage, i.name AS item FROM client c JOIN stage s ON s.id = c.stage_id
       LEFT JOIN stage_item i ON i.id = c.stage_item_id WHERE c.id = $1`,
      [id],
    )) as { stage: string; item: string | null }[];
    return [row.stage, row.item];
  }

  /** Picks the named item of the current stage, or passes a stage without items. */
  async function pick(id: number, name: string | 'pass', remark?: string) {
    const options = await statuses.options(id);
    const itemId = name === 'pass' ? 'pass' : options.items.find((item) => item.name === name)?.id;
    if (itemId === undefined) throw new Error(`«${name}» is not offered at «${options.stage.name}»`);
    return statuses.changeStatus(id, { itemId, remark }, actor);
  }

  it('walks the standard pipeline item by item, moving on by itself at each completing item', async () => {
    const { id } = await newClient();
    expect(await where(id)).toEqual(['Новый', null]);
    await pick(id, 'pass', 'Первый звонок');
    expect(await where(id)).toEqual(['Согласование условий сотрудничества', null]);
    await pick(id, 'Направлены условия сотрудничества');
    expect(await where(id)).toEqual([
      'Согласование условий сотрудничества',
      'Направлены условия сотрудничества',
    ]);
    await pick(id, 'Рассмотрение встречных условий', 'Клиент просит скидку');
    await pick(id, 'Обработка возражений');
    await pick(id, 'Согласовано');
    expect(await where(id)).toEqual(['Подписание LOI', null]);
    await pick(id, 'Подготовка документов');
    await pick(id, 'Подписано');
    expect(await where(id)).toEqual(['Согласование договора', null]);
    await pick(id, 'Согласовано');
    expect(await where(id)).toEqual(['Подписание договора', null]);
    await pick(id, 'Подготовка документов');
    await pick(id, 'Согласовано');
    await pick(id, 'Подписан');
    expect(await where(id)).toEqual(['Договор подписан', null]);

    await statuses.recordContractFollowUp(id, { depositPaid: true, acceptanceActSigned: false }, actor);
    expect(await testApp.dataSource.getRepository(Client).findOneByOrFail({ id })).toMatchObject({
      depositPaid: true,
      acceptanceActSigned: false,
      stageKind: 'won',
    });
    const view = await clients.card(id);
    expect(view.status).toMatchObject({ stage: 'Договор подписан', stageKind: 'won' });
    expect(view.history.map((event) => event.type)).toEqual(['Подписание соглашения/договора']);
    const timeline = [...view.timeline]
      .reverse()
      .map((change) => [change.kind, change.toStage, change.toItem, change.remark]);
    expect(timeline.slice(0, 4)).toEqual([
      ['created', 'Новый', null, null],
      ['advanced', 'Согласование условий сотрудничества', null, 'Первый звонок'],
      ['item', 'Согласование условий сотрудничества', 'Направлены условия сотрудничества', null],
      [
        'item',
        'Согласование условий сотрудничества',
        'Рассмотрение встречных условий',
        'Клиент просит скидку',
      ],
    ]);
    expect(timeline.at(-1)).toEqual([
      'contract',
      'Договор подписан',
      null,
      'Оплата обеспечительного платежа: Оплачено; Подписание акта приёма-передачи: Не подписан',
    ]);
    // Every line says who and from where.
    expect(view.timeline.every((change) => change.user !== null)).toBe(true);
    expect(
      view.timeline.filter((change) => change.kind === 'advanced').map((change) => change.fromItem),
    ).toEqual(['Подписан', 'Согласовано', 'Подписано', 'Согласовано', null]);
  });

  it('walks the pipeline of sectors 1 and 2, whose stages have no items but the last', async () => {
    for (const code of ['sector_1', 'sector_2']) {
      const { id } = await newClient(code);
      const path = [
        'Новый',
        'Проявлен интерес к клиенту',
        'Активные переговоры',
        'Заключён LOI',
        'Проект на рассмотрении у клиента',
      ];
      for (const [index, stage] of path.entries()) {
        expect(await where(id)).toEqual([stage, null]);
        await pick(id, 'pass');
        if (index < path.length - 1) expect((await where(id))[0]).toBe(path[index + 1]);
      }
      expect(await where(id)).toEqual(['Подписание договора', null]);
      const options = await statuses.options(id);
      expect(options.canPassStage).toBe(false);
      expect(options.items.map((item) => item.name)).toEqual(['Подписан', 'Не подписан']);
      await pick(id, 'Не подписан');
      expect(await where(id)).toEqual(['Подписание договора', 'Не подписан']);
      await statuses.setStage(
        id,
        { stageId: (await stageId(id, 'Договор подписан'))!, remark: 'Подписали позже' },
        actor,
      );
      expect(await where(id)).toEqual(['Договор подписан', null]);
    }
  });

  const stageId = async (clientId: number, name: string) =>
    (
      (await testApp.dataSource.query(
        `SELECT s.id FROM stage s JOIN client c ON c.pipeline_id = s.pipeline_id WHERE c.id = $1 AND s.name = $2`,
        [clientId, name],
      )) as { id: number }[]
    )[0]?.id;

  it('deactivates from every stage of both pipelines with the reason, and activates back to the stage left', async () => {
    for (const code of ['sector_3', 'sector_1']) {
      const { id } = await newClient(code);
      const stages = (await testApp.dataSource.query(
        `SELECT s.name, s.id FROM stage s JOIN client c ON c.pipeline_id = s.pipeline_id
         WHERE c.id = $1 AND s.kind <> 'lost' ORDER BY s.position`,
        [id],
      )) as { name: string; id: number }[];
      for (const stage of stages) {
        if ((await where(id))[0] !== stage.name) await statuses.setStage(id, { stageId: stage.id }, actor);
        await expect(statuses.deactivate(id, { reason: ' ' }, actor)).rejects.toMatchObject({
          code: 'client.reason_required',
          fields: { reason: 'Укажите причину деактивации' },
        });
        await statuses.deactivate(id, { reason: `Нет бюджета (${stage.name})` }, actor);
        expect(await where(id)).toEqual(['Не активен', null]);
        expect((await testApp.dataSource.getRepository(Client).findOneByOrFail({ id })).stageKind).toBe(
          'lost',
        );
        expect((await clients.card(id)).status.inactiveReason).toBe(`Нет бюджета (${stage.name})`);
        await expect(pick(id, 'pass')).rejects.toThrow();
        await expect(statuses.changeStatus(id, { itemId: 'pass' }, actor)).rejects.toMatchObject({
          code: 'client.stage_not_open',
          status: 409,
        });
        await expect(statuses.deactivate(id, { reason: 'ещё раз' }, actor)).rejects.toMatchObject({
          code: 'client.already_inactive',
          message: 'Клиент уже неактивен',
        });
        await statuses.activate(id, { remark: 'Вернулся' }, actor);
        expect(await where(id)).toEqual([stage.name, null]);
      }
    }
  });

  it('goes on after a negative outcome: «Не согласовано», then objections again, then «Согласовано»', async () => {
    const { id } = await newClient();
    await pick(id, 'pass');
    await pick(id, 'Не согласовано', 'Клиент не согласен с ценой');
    expect((await statuses.options(id)).items.map((item) => item.name)).toEqual([
      'Направлены условия сотрудничества',
      'Рассмотрение встречных условий',
      'Обработка возражений',
      'Согласовано',
    ]);
    await pick(id, 'Обработка возражений');
    await pick(id, 'Согласовано');
    expect(await where(id)).toEqual(['Подписание LOI', null]);
  });

  it('keeps the detail item through a deactivation', async () => {
    const { id } = await newClient();
    await pick(id, 'pass');
    await pick(id, 'Обработка возражений');
    await statuses.deactivate(id, { reason: 'Пауза' }, actor);
    await statuses.activate(id, {}, actor);
    expect(await where(id)).toEqual(['Согласование условий сотрудничества', 'Обработка возражений']);
  });

  it('refuses the moves the pipeline does not allow, with Russian messages, changing nothing', async () => {
    const { id } = await newClient();
    await pick(id, 'pass');
    await pick(id, 'Обработка возражений');
    const version = (await testApp.dataSource.getRepository(Client).findOneByOrFail({ id })).version;
    const [{ id: otherStageItem }] = (await testApp.dataSource.query(
      `SELECT i.id FROM stage_item i JOIN stage s ON s.id = i.stage_id WHERE s.name = 'Подписание LOI' AND i.name = 'Подписано'
       AND s.pipeline_id = (SELECT pipeline_id FROM client WHERE id = $1)`,
      [id],
    )) as { id: number }[];
    // [attempt, code (none for the test's own refusal), Russian wording]
    const refusals: [Promise<unknown>, string | null, string][] = [
      [
        statuses.changeStatus(id, { itemId: otherStageItem }, actor),
        'client.item_not_in_stage',
        'Этот пункт не относится к этапу «Согласование условий сотрудничества»',
      ],
      [
        pick(id, 'Направлены условия сотрудничества'),
        null,
        '«Направлены условия сотрудничества» is not offered',
      ],
      [
        statuses.changeStatus(
          id,
          {
            itemId: (
              await testApp.dataSource.query(
                `SELECT id FROM stage_item WHERE name = 'Направлены условия сотрудничества'`,
              )
            )[0].id,
          },
          actor,
        ),
        'client.item_passed',
        'Пункт «Направлены условия сотрудничества» уже пройден',
      ],
      [
        statuses.changeStatus(id, { itemId: 'pass' }, actor),
        'client.stage_needs_item',
        'завершается своей детализацией',
      ],
      [
        statuses.setStage(id, { stageId: (await stageId(id, 'Не активен'))! }, actor),
        'client.stage_lost_needs_deactivate',
        'используйте «Деактивировать»',
      ],
      [
        statuses.setStage(id, { stageId: 999_999 }, actor),
        'client.stage_unknown',
        'Выберите этап воронки клиента',
      ],
      [statuses.activate(id, {}, actor), 'client.already_active', 'Клиент активен'],
      [
        statuses.recordContractFollowUp(id, { depositPaid: true, acceptanceActSigned: null }, actor),
        'client.contract_not_signed',
        'после подписания договора',
      ],
      [
        statuses.changeStatus(id, { itemId: 'pass', expectedVersion: version - 1 }, actor),
        'client.stale',
        'уже изменил другой пользователь',
      ],
    ];
    for (const [attempt, code, message] of refusals) {
      await expect(attempt).rejects.toThrow(message);
      if (code) await expect(attempt).rejects.toMatchObject({ code });
    }
    expect(await where(id)).toEqual(['Согласование условий сотрудничества', 'Обработка возражений']);
    expect((await testApp.dataSource.getRepository(Client).findOneByOrFail({ id })).version).toBe(version);
  });

  it('lets one of two managers moving the same version win; the other gets a conflict', async () => {
    const { id } = await newClient();
    const results = await Promise.allSettled([
      statuses.changeStatus(id, { itemId: 'pass', expectedVersion: 1 }, actor),
      statuses.changeStatus(id, { itemId: 'pass', expectedVersion: 1 }, actor),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(
      (results.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason,
    ).toMatchObject({
      code: 'client.stale',
      status: 409,
    });
    expect(await where(id)).toEqual(['Согласование условий сотрудничества', null]);
  });

  it('moves the status to the other pipeline when the sector changes, as docs/clients.md describes', async () => {
    const { id } = await newClient('sector_3');
    await pick(id, 'pass');
    await pick(id, 'Согласовано');
    expect(await where(id)).toEqual(['Подписание LOI', null]);
    const current = await testApp.dataSource.getRepository(Client).findOneByOrFail({ id });
    await clients.update(
      id,
      { companyName: current.companyName, sectorId: sectors.sector_1 },
      actor,
      current.version,
    );
    // The third open stage of the standard pipeline → the third of the sectors 1–2 pipeline.
    expect(await where(id)).toEqual(['Активные переговоры', null]);
    const moved = await testApp.dataSource.getRepository(Client).findOneByOrFail({ id });
    await statuses.setStage(id, { stageId: (await stageId(id, 'Подписание договора'))! }, actor);
    await pick(id, 'Не подписан');
    const again = await testApp.dataSource.getRepository(Client).findOneByOrFail({ id });
    expect(again.version).toBeGreaterThan(moved.version);
    await clients.update(
      id,
      { companyName: current.companyName, sectorId: sectors.sector_4 },
      actor,
      again.version,
    );
    // Same stage name, same item name.
    expect(await where(id)).toEqual(['Подписание договора', 'Не подписан']);
    const [change] = (await clients.card(id)).timeline;
    expect(change).toMatchObject({
      kind: 'pipeline_changed',
      fromStage: 'Подписание договора',
      toStage: 'Подписание договора',
    });
  });

  it('is backed by the database: a stage of another pipeline or an item of another stage cannot be written', async () => {
    const { id } = await newClient('sector_3');
    await expect(
      testApp.dataSource.query(
        `UPDATE client SET stage_id = (SELECT s.id FROM stage s JOIN pipeline p ON p.id = s.pipeline_id
           WHERE p.code = 'sectors_1_2' AND s.name = 'Активные переговоры') WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/is not in pipeline/);
    await expect(
      testApp.dataSource.query(
        `UPDATE client SET stage_item_id = (SELECT id FROM stage_item WHERE name = 'Подписано' LIMIT 1) WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/is not in stage/);
    await expect(
      testApp.dataSource.query(`UPDATE client SET stage_kind = 'won' WHERE id = $1`, [id]),
    ).rejects.toThrow(/does not match stage/);
  });
});
