import {
  ValidationError,
  type ActionRequest,
  type ActionResponse,
  type After,
  type Before,
  type RecordActionResponse,
} from 'adminjs';

import { InvalidPasswordError } from '../../modules/user/password-policy.js';
import type { UserService } from '../../modules/user/user.service.js';
import { User, userRoleLabels } from '../../modules/user/entities/user.entity.js';
import { allow } from '../access.js';
import { Components } from '../component-loader.js';
import { navigation } from '../navigation.js';
import { showOrTitleLookup, titleSearch } from '../title-search.js';
import { defineResource } from '../resource-definition.js';

/**
 * Users: administrators only. The password is a form-only field: the service hashes it; the hash
 * never reaches the browser. Deactivating a user ends their sessions at their next request.
 */
export function userResource(users: UserService) {
  const admin = allow('admin');

  const hashPassword: Before = async (request: ActionRequest) => {
    if (request.method !== 'post' || !request.payload) return request;
    const { password, ...payload } = request.payload as Record<string, unknown>;
    if (typeof payload.email === 'string') payload.email = payload.email.trim().toLowerCase();
    const isNew = !request.params.recordId;
    if (typeof password === 'string' && password !== '') {
      try {
        payload.passwordHash = await users.hashPassword(password);
      } catch (error) {
        if (error instanceof InvalidPasswordError)
          throw new ValidationError({ password: { message: error.message } });
        throw error;
      }
    } else if (isNew) {
      throw new ValidationError({ password: { message: 'Задайте пароль для нового пользователя' } });
    }
    return { ...request, payload };
  };

  // The saved entity carries the hash it was given; it must not travel back to the browser.
  const withoutPasswordHash: After<ActionResponse> = async (response) => {
    const params = (response as Partial<RecordActionResponse>).record?.params;
    if (params) delete params.passwordHash;
    return response;
  };

  // A deactivated user, or one whose password was changed, is logged out everywhere.
  const endSessionsWhenNeeded: After<ActionResponse> = async (response, request) => {
    const params = (response as Partial<RecordActionResponse>).record?.params;
    const deactivated = params?.active === false || params?.active === 'false';
    const passwordChanged = Boolean((request.payload as Record<string, unknown> | undefined)?.passwordHash);
    if (params && (deactivated || passwordChanged)) await users.endSessions(Number(params.id));
    return response;
  };

  return defineResource({
    entity: User,
    label: 'Пользователи',
    options: {
      navigation: navigation.administration,
      sort: { sortBy: 'fullName', direction: 'asc' },
      listProperties: ['fullName', 'email', 'role', 'departmentId', 'active', 'lastLoginAt'],
      showProperties: [
        'fullName',
        'email',
        'role',
        'departmentId',
        'active',
        'lastLoginAt',
        'createdAt',
        'updatedAt',
      ],
      editProperties: ['fullName', 'email', 'role', 'departmentId', 'active', 'password'],
      filterProperties: ['fullName', 'email', 'role', 'departmentId', 'active'],
      actions: {
        list: { isAccessible: admin },
        // Managers look up a name by id (the responsible manager shown in a form's select).
        show: showOrTitleLookup(admin, allow('manager')),
        new: { isAccessible: admin, before: [hashPassword], after: [withoutPasswordHash] },
        edit: {
          isAccessible: admin,
          before: [hashPassword],
          after: [withoutPasswordHash, endSessionsWhenNeeded],
        },
        delete: { isAccessible: admin },
        bulkDelete: { isAccessible: admin },
        // Managers pick the responsible manager in CRM forms; the search returns names only.
        search: titleSearch(allow('admin', 'manager')),
      },
    },
    properties: {
      id: { label: 'ID' },
      email: { label: 'Эл. почта', isTitle: false },
      fullName: { label: 'ФИО', isTitle: true },
      role: {
        label: 'Роль',
        values: userRoleLabels,
      },
      departmentId: { label: 'Департамент' },
      active: { label: 'Активен', components: { edit: Components.TickedForNew } },
      lastLoginAt: { label: 'Последний вход' },
      password: {
        label: 'Пароль',
        type: 'password',
        description: 'Не короче 10 символов. Оставьте пустым, чтобы не менять.',
        isVisible: { list: false, show: false, filter: false, edit: true },
      },
      passwordHash: { label: 'Хеш пароля', isVisible: false },
      createdAt: { label: 'Создано' },
      updatedAt: { label: 'Изменено' },
    },
  });
}
