import React from 'react';
import { Text } from '@adminjs/design-system';
import { flat, type ShowPropertyProps } from 'adminjs';

import { formatPhone } from '../../common/ru-format.js';

/**
 * «Контактные лица» on a client's card: a line per person — «Фамилия Имя Отчество, должность»,
 * then the phone and e-mail — with nothing shown for what was not filled in. Under the section of
 * the same name (record-page.tsx), so without a label of its own.
 */
interface Person {
  lastName?: string | null;
  firstName?: string | null;
  middleName?: string | null;
  position?: string | null;
  phone?: string | null;
  email?: string | null;
}

const filled = (...parts: (string | null | undefined)[]) =>
  parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '');

const ContactsShow: React.FC<ShowPropertyProps> = ({ record, property }) => {
  const people = ((flat.get(record.params, property.path) as Person[] | undefined) ?? []).filter(
    (person) =>
      filled(
        person.lastName,
        person.firstName,
        person.middleName,
        person.position,
        person.phone,
        person.email,
      ).length > 0,
  );
  if (people.length === 0) return null;
  return (
    <ul className="crm-contacts" data-testid="client-contacts">
      {people.map((person, index) => {
        const name = filled(person.lastName, person.firstName, person.middleName).join(' ');
        const reach = filled(person.phone ? formatPhone(person.phone) : null, person.email);
        return (
          <li key={index}>
            <Text>
              <b>{name || 'Без имени'}</b>
              {person.position ? `, ${person.position}` : ''}
            </Text>
            {reach.length > 0 && <Text className="crm-contacts__reach">{reach.join(' · ')}</Text>}
          </li>
        );
      })}
    </ul>
  );
};

export default ContactsShow;
