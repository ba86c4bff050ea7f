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
    listProperties: ['attemptedAt', 'email', 'ip', 'succeeded'],
    showProperties: ['attemptedAt', 'email', 'ip', 'succeeded'],
    filterProperties: ['email', 'ip', 'succeeded', 'attemptedAt'],
    actions: readOnlyAdministratorActions(),
  },
  properties: {
    id: { label: 'ID' },
    email: { label: 'Эл. почта' },
    ip: { label: 'IP-адрес' },
    succeeded: { label: 'Успешно' },
    attemptedAt: { label: 'Время' },
  },
});
