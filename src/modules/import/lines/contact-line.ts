import type { EntityManager } from 'typeorm';

import { moscowToday } from '../../../common/ru-format.js';
import { MAX_CONTACTS } from '../../client/client-input.js';
import type { MappedRow } from '../import-contract.js';
import type { ImportContext, ImportLineWriter, LineOutcome } from '../import-run-contract.js';
import { findCompany } from './company-lookup.js';
import { dictionaries, importNote, recordImportEvent, refuseForeignDepartment } from './line-support.js';
import { bitrixId, emails, every, personName, phones, refuse, text } from './line-values.js';
import { answerRefusals } from './refusals.js';

/** The mark an imported contact person carries in the card's `contacts`, for «Отменить импорт». */
export const importMark = (jobId: number, line: number) => `${jobId}:${line}`;

/**
 * A contact of the file → a contact person on its company's card (found by the company's Bitrix24
 * ID, else by the same or a similar name). A contact whose company is not here is refused: import
 * the companies first. The same person on the card (same name) is a duplicate: skipped, or its
 * empty phone, e-mail and position filled; «Создавать всё равно» adds another. The same Bitrix24
 * ID on any card is skipped (a re-run).
 */
export class ContactLineWriter implements ImportLineWriter {
  readonly kind = 'contact' as const;

  write(manager: EntityManager, context: ImportContext, row: MappedRow): Promise<LineOutcome> {
    return answerRefusals(() => this.writeRow(manager, context, row));
  }

  private async writeRow(
    manager: EntityManager,
    context: ImportContext,
    row: MappedRow,
  ): Promise<LineOutcome> {
    const loaded = await dictionaries(manager, context);
    const person = {
      lastName: text(row, 'lastName', 'Фамилия', 100),
      firstName: text(row, 'firstName', 'Имя', 100),
      middleName: text(row, 'middleName', 'Отчество', 100),
      position: text(row, 'position', 'Должность', 200),
    };
    const name = personName(row) ?? refuse('не указаны ни фамилия, ни имя контакта');
    const rowPhones = phones(row);
    const rowEmails = emails(row);
    const id = bitrixId(row);

    if (id !== null) {
      const [same] = (await manager.query(
        `SELECT id, company_name AS "companyName" FROM client WHERE client_contact_keys(contacts) && ARRAY[$1]`,
        [`bitrix:${id}`],
      )) as { id: number; companyName: string }[];
      if (same) {
        const duplicates = [
          { entity: 'client', id: same.id, name: same.companyName, why: 'тот же ID в Битрикс24' } as const,
        ];
        return { result: 'skipped', entity: 'contact', id: same.id, duplicates };
      }
    }
    const { found, wanted } = await findCompany(manager, row);
    if (!found) {
      return refuse(
        wanted
          ? `Сначала импортируйте компании: компания ${wanted} контакта «${name}» не найдена`
          : `у контакта «${name}» не указана компания — контакт хранится в карточке клиента`,
      );
    }
    refuseForeignDepartment(loaded, found.departmentId);
    const duplicates = [found.link];
    const sameName = (other: Record<string, unknown>) =>
      [other.lastName, other.firstName, other.middleName].filter(Boolean).join(' ').toLowerCase() ===
      name.toLowerCase();
    const index = found.contacts.findIndex(sameName);
    const note = importNote(context, row.line);
    const comments = every(row, 'comment').map((comment) => `Комментарий: ${comment}`);

    if (index >= 0 && context.policy !== 'create') {
      const why = { ...found.link, why: `${found.link.why}; контактное лицо «${name}» уже есть в карточке` };
      if (context.policy === 'skip')
        return { result: 'skipped', entity: 'contact', id: found.id, duplicates: [why] };
      const existing = found.contacts[index];
      const fields: string[] = [];
      const filled = { ...existing };
      const fill = (key: string, value: string | null, label: string) => {
        if (value === null || (existing[key] !== null && existing[key] !== undefined)) return;
        filled[key] = value;
        fields.push(label);
      };
      fill('phone', rowPhones[0] ?? null, 'Телефон контактного лица');
      fill('email', rowEmails[0] ?? null, 'Эл. почта контактного лица');
      fill('position', person.position, 'Должность контактного лица');
      if (fields.length === 0)
        return { result: 'skipped', entity: 'contact', id: found.id, duplicates: [why] };
      const contacts = found.contacts.map((other, at) => (at === index ? filled : other));
      await this.saveContacts(manager, found.id, contacts, person.position !== null);
      await recordImportEvent(
        manager,
        loaded,
        context,
        found.id,
        [
          `${importNote(context, row.line, 'Дополнено импортом')}: ${fields.join(', ')} («${name}»).`,
          ...comments,
        ].join('\n'),
        moscowToday(),
      );
      return { result: 'updated', entity: 'contact', id: found.id, fields, duplicates: [why] };
    }

    if (found.contacts.length >= MAX_CONTACTS)
      refuse(`в карточке «${found.companyName}» уже ${MAX_CONTACTS} контактных лиц — больше добавить нельзя`);
    const added = {
      ...person,
      phone: rowPhones[0] ?? null,
      email: rowEmails[0] ?? null,
      bitrixId: id,
      importedFrom: importMark(context.jobId, row.line),
    };
    // Appended in SQL: a manager's change of the card meanwhile stays.
    await this.saveContacts(manager, found.id, [added], person.position !== null, 'append');
    const more = [
      rowPhones.length > 1 ? `Другие телефоны: ${rowPhones.slice(1).join(', ')}` : null,
      rowEmails.length > 1 ? `Другие адреса эл. почты: ${rowEmails.slice(1).join(', ')}` : null,
    ].filter((line): line is string => line !== null);
    await recordImportEvent(
      manager,
      loaded,
      context,
      found.id,
      [`Контактное лицо «${name}»: ${note[0].toLowerCase()}${note.slice(1)}.`, ...more, ...comments].join(
        '\n',
      ),
      moscowToday(),
    );
    return { result: 'created', entity: 'contact', id: found.id, duplicates };
  }

  /** The card's contact persons, its «ФИО» block shown (and «Должность» when a position came). */
  private async saveContacts(
    manager: EntityManager,
    clientId: number,
    contacts: Record<string, unknown>[],
    withPosition: boolean,
    how: 'replace' | 'append' = 'replace',
  ): Promise<void> {
    await manager.query(
      `UPDATE client SET contacts = ${how === 'append' ? 'contacts || ' : ''}$2::jsonb, full_name_enabled = true,
         position_enabled = position_enabled OR $3, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [clientId, JSON.stringify(contacts), withPosition],
    );
  }
}
