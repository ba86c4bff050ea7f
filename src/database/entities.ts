import { ClientStatusChange } from '../modules/client/entities/client-status-change.entity.js';
import { Client } from '../modules/client/entities/client.entity.js';
import { HistoryEvent } from '../modules/client/entities/history-event.entity.js';
import { DealLine } from '../modules/deal/entities/deal-line.entity.js';
import { Deal } from '../modules/deal/entities/deal.entity.js';
import { LoginAttempt } from '../modules/auth/entities/login-attempt.entity.js';
import { Session } from '../modules/auth/entities/session.entity.js';
import { Department } from '../modules/dictionary/entities/department.entity.js';
import {
  CompanyProfile,
  HistoryEventType,
  ProductCategory,
} from '../modules/dictionary/entities/named-dictionary.entities.js';
import { ObjectType } from '../modules/dictionary/entities/object-type.entity.js';
import { Notification } from '../modules/notification/notification.entity.js';
import { LeadStatusChange } from '../modules/lead/entities/lead-status-change.entity.js';
import { Lead } from '../modules/lead/entities/lead.entity.js';
import { Premises } from '../modules/dictionary/entities/premises.entity.js';
import { ServiceType } from '../modules/dictionary/entities/service-type.entity.js';
import { ClientSector } from '../modules/pipeline/entities/client-sector.entity.js';
import { Pipeline } from '../modules/pipeline/entities/pipeline.entity.js';
import { StageItem } from '../modules/pipeline/entities/stage-item.entity.js';
import { Stage } from '../modules/pipeline/entities/stage.entity.js';
import { AppSetting } from '../modules/setting/app-setting.entity.js';
import { User } from '../modules/user/entities/user.entity.js';
import { ReportFile } from '../modules/report/entities/report-file.entity.js';
import { Report } from '../modules/report/entities/report.entity.js';
import { AuditLog } from '../modules/audit/audit-log.entity.js';
import { LeadStatusLimit } from '../modules/deadline/entities/lead-status-limit.entity.js';
import { WorkingCalendarDay } from '../modules/deadline/entities/working-calendar-day.entity.js';
import { WorkingHours } from '../modules/deadline/entities/working-hours.entity.js';
import { RateLimitCounter } from '../modules/rate-limit/rate-limit-counter.entity.js';
import { HousekeepingRun } from '../modules/housekeeping/housekeeping-run.entity.js';

import { ExportJob } from '../modules/export/export-job.entity.js';
import { ImportCheckError } from '../modules/import/import-check-error.entity.js';
import { ImportJob } from '../modules/import/import-job.entity.js';
import { ImportJobLine } from '../modules/import/import-job-line.entity.js';
import { ImportSavedMapping } from '../modules/import/import-saved-mapping.entity.js';

/** Every entity of the schema; migrations are generated from exactly this list. */
export const entities = [
  AppSetting,
  Department,
  ObjectType,
  Premises,
  CompanyProfile,
  ProductCategory,
  HistoryEventType,
  ServiceType,
  Pipeline,
  Stage,
  StageItem,
  ClientSector,
  User,
  Session,
  LoginAttempt,
  Lead,
  LeadStatusChange,
  Notification,
  Client,
  ClientStatusChange,
  HistoryEvent,
  Deal,
  DealLine,
  Report,
  ReportFile,
  AuditLog,
  WorkingCalendarDay,
  WorkingHours,
  LeadStatusLimit,
  RateLimitCounter,
  HousekeepingRun,
  ExportJob,
  ImportJob,
  ImportJobLine,
  ImportSavedMapping,
  ImportCheckError,
];
