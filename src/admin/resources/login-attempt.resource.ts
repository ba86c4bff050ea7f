import { LoginAttempt } from '../../modules/auth/entities/login-attempt.entity.js';
import { readOnlyAdministratorActions } from '../access.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';

export const loginAttemptResource = defineResource({
  entity: LoginAttempt,
  label: 'Попытки входа',
  options: {
    navigation: navigation.administration,
    sort: { sortBy: 'attemptedAt', direction: 'desc' },
    listProperties: ['attemptedAt', 'email', 'ip', 'succeeded', 'locked'],
    showProperties: ['attemptedAt', 'email', 'ip', 'succeeded', 'locked', 'clearedAt'],
    filterProperties: ['email', 'ip', 'succeeded', 'locked', 'attemptedAt'],
    actions: readOnlyAdministratorActions(),
  },
  properties: {
    id: { label: 'ID' },
    email: { label: 'Эл. почта' },
    ip: { label: 'IP-адрес' },
    succeeded: { label: 'Успешно' },
    locked: { label: 'Отказ из-за блокировки' },
    attemptedAt: { label: 'Время' },
    clearedAt: { label: 'Не считается с (пароль сброшен)' },
  },
});
