import { promises as fs } from 'node:fs';

import uploadFeature from '@adminjs/upload';
import {
  buildFeature,
  type ActionContext,
  type ActionRequest,
  type ActionResponse,
  type UploadedFile,
} from 'adminjs';

import { DomainError } from '../../common/domain-error.js';
import { AttachmentStorage, ATTACHMENT_TYPES } from '../../modules/client/attachments.js';
import { HistoryEvent } from '../../modules/client/entities/history-event.entity.js';
import type { AttachmentChanges, HistoryService } from '../../modules/client/history.service.js';
import { allow, clientDepartment, whenMayChange } from '../access.js';
import { componentLoader, Components } from '../component-loader.js';
import { exportAction } from '../list-export.js';
import { navigation } from '../navigation.js';
import { defineResource } from '../resource-definition.js';
import { serviceFormAction, type ActionPayload } from '../service-action.js';
import { titleSearch } from '../title-search.js';

/**
 * «История»: every event with every client. Managers add one here or on the card («Добавить
 * событие»), with files (stored under UPLOAD_DIR, served to logged-in users only at
 * /admin/files/…). @adminjs/upload gives the form's field and the file lists; the files themselves
 * are checked and stored by HistoryService, in the transaction that writes the event.
 */
const crmUsers = allow('admin', 'manager');
const UPLOAD_NAMESPACE = 'adminjs-upload';

type UploadNamespace = Record<
  string,
  { files?: UploadedFile[] | UploadedFile; filesToDelete?: unknown } | undefined
>;

const uploadNamespace = (context: ActionContext) => (context as unknown as UploadNamespace)[UPLOAD_NAMESPACE];

/** The files of this request, as @adminjs/upload's before-hook left them. */
const uploadedFiles = (context: ActionContext): UploadedFile[] => {
  const files = uploadNamespace(context)?.files;
  return files ? (Array.isArray(files) ? files : [files]) : [];
};

/**
 * The keys of the files the form asks to remove («Удалить»; the form sends their indexes in the
 * event as this request read it): only files the event has.
 */
function keysToRemove(context: ActionContext): string[] {
  const requested = uploadNamespace(context)?.filesToDelete;
  if (requested === undefined || requested === null) return [];
  const existing = (context.record?.get('attachmentKeys') as string[] | undefined) ?? [];
  const valid =
    Array.isArray(requested) &&
    requested.every(
      (index) => typeof index === 'string' && /^\d{1,4}$/.test(index) && Number(index) < existing.length,
    );
  if (!valid) {
    throw new DomainError('history.invalid_fields', 'Проверьте заполнение полей', {
      fields: {
        files: 'Удалить можно только файлы этого события',
      },
    });
  }
  return (requested as string[]).map((index) => existing[Number(index)]);
}

/**
 * «Создать» / «Изменить»: the service writes the event with its files in one transaction. Then
 * @adminjs/upload's own after-hook is left nothing to do (it would write the file lists it read
 * before, outside that transaction, losing another manager's files added meanwhile).
 */
function eventFormAction(
  attachments: { storage: AttachmentStorage },
  save: (
    payload: ActionPayload,
    actorId: number,
    files: Required<AttachmentChanges>,
    context: ActionContext,
  ) => Promise<HistoryEvent>,
) {
  return serviceFormAction({
    isAccessible: crmUsers,
    successMessage: 'historyEventSaved',
    save: async (payload, context) => {
      const files = { add: uploadedFiles(context), remove: keysToRemove(context) };
      const saved = await save(payload, Number(context.currentAdmin?.id), files, context);
      const namespace = uploadNamespace(context);
      if (namespace) {
        delete namespace.files;
        delete namespace.filesToDelete;
      }
      return saved;
    },
    redirect: (saved, context) =>
      context.h.recordActionUrl({
        resourceId: 'Client',
        recordId: String((saved as HistoryEvent).clientId),
        actionName: 'show',
      }),
    onRefusal: async (context) => {
      // Only files this server received for the request: never a path a form field names.
      for (const file of uploadedFiles(context)) {
        if (await attachments.storage.receivedFile(file)) await fs.rm(file.path, { force: true });
      }
    },
  });
}

export const historyEventResource = (
  history: HistoryService,
  attachments: { storage: AttachmentStorage; maxBytes: number },
) =>
  defineResource({
    entity: HistoryEvent,
    label: 'История',
    options: {
      navigation: navigation.crm,
      sort: { sortBy: 'eventDate', direction: 'desc' },
      listProperties: ['eventDate', 'planned', 'clientId', 'typeId', 'comment', 'userId'],
      showProperties: [
        'eventDate',
        'planned',
        'clientId',
        'typeId',
        'comment',
        'files',
        'userId',
        'automatic',
        'createdAt',
      ],
      editProperties: ['clientId', 'typeId', 'eventDate', 'planned', 'comment', 'files'],
      filterProperties: ['clientId', 'typeId', 'eventDate', 'planned', 'userId', 'automatic'],
      actions: {
        list: { isAccessible: crmUsers },
        export: exportAction(crmUsers),
        show: { isAccessible: crmUsers },
        search: titleSearch(crmUsers),
        // A new event has no files to remove: keysToRemove refuses any index.
        new: eventFormAction(attachments, (payload, actorId, files) =>
          history.create(
            Number(payload.clientId),
            {
              typeId: payload.typeId,
              comment: payload.comment,
              eventDate: payload.eventDate,
              planned: payload.planned,
            },
            { id: actorId },
            files.add,
          ),
        ),
        edit: {
          ...eventFormAction(attachments, (payload, actorId, files, context) =>
            history.update(
              Number(context.record?.id()),
              {
                typeId: payload.typeId,
                comment: payload.comment,
                eventDate: payload.eventDate,
                planned: payload.planned,
              },
              { id: actorId },
              files,
            ),
          ),
          isVisible: whenMayChange(undefined, clientDepartment),
        },
        delete: {
          isAccessible: allow('admin'),
          // Through the service: the files deleted are those of the event as it is deleted.
          handler: async (
            request: ActionRequest,
            _response: unknown,
            context: ActionContext,
          ): Promise<ActionResponse> => {
            const { record, resource, h, currentAdmin } = context;
            if (!record) throw new DomainError('history.not_found', 'Событие не найдено', { status: 404 });
            if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
            await history.remove(Number(record.id()));
            return {
              record: record.toJSON(currentAdmin),
              redirectUrl: h.resourceUrl({ resourceId: resource.id() }),
              notice: { message: 'successfullyDeleted', type: 'success' },
            };
          },
        },
        bulkDelete: { isAccessible: () => false },
      },
    },
    features: [
      uploadFeature({
        componentLoader,
        provider: attachments.storage,
        multiple: true,
        properties: {
          key: 'attachmentKeys',
          filename: 'attachmentNames',
          mimeType: 'attachmentMimeTypes',
          size: 'attachmentSizes',
          file: 'files',
          filePath: 'filePaths',
          filesToDelete: 'filesToDelete',
        },
        uploadPath: (record, fileName) => AttachmentStorage.keyFor(String(record.id()), fileName),
        validation: { mimeTypes: Object.keys(ATTACHMENT_TYPES), maxSize: attachments.maxBytes },
      }),
      // After the upload feature, so its form field is ours: the same, in Russian (files-edit.tsx).
      buildFeature({ properties: { files: { components: { edit: Components.FilesEdit } } } }),
    ],
    properties: {
      id: { label: 'ID' },
      clientId: { label: 'Клиент' },
      typeId: { label: 'Тип события' },
      comment: { label: 'Комментарий', type: 'textarea' },
      eventDate: {
        label: 'Дата события',
        description: 'Не в будущем — кроме запланированного события',
      },
      planned: {
        label: 'Запланировано',
        description:
          'Событие ещё предстоит (можно указать будущую дату); снимите галочку, когда оно состоялось',
      },
      userId: { label: 'Кто' },
      automatic: { label: 'Записано системой' },
      files: { label: 'Файлы' },
      attachmentKeys: { label: 'Файлы', isVisible: false },
      attachmentNames: { label: 'Имена файлов', isVisible: false },
      attachmentMimeTypes: { label: 'Типы файлов', isVisible: false },
      attachmentSizes: { label: 'Размеры файлов', isVisible: false },
      createdAt: { label: 'Создано' },
      updatedAt: { label: 'Изменено' },
    },
  });
