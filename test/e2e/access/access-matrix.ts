/**
 * Who may do what in the back-office — docs/access.md's «Roles and access» table as data, walked by
 * access-matrix.e2e.ts. `resourceActions`: what AdminJS offers a role for the resource as a whole;
 * `recordActions`: the actions on a record's page — `own` on a record of the manager's department,
 * `other` on another department's (managers change only their own: department-access.e2e.ts
 * checks the services refuse the rest); «forbidden»: the record cannot even be opened.
 */
export type Role = 'admin' | 'manager' | 'committee';

export interface MatrixRow {
  resourceActions: Record<Role, string[]>;
  recordActions: Record<Role, { own: string[] | 'forbidden'; other?: string[] | 'forbidden' }>;
  /** Record actions shown only in some statuses (not the sample's): those with the record's page may run them. */
  statusActions?: string[];
  /** Who may delete records of the list in bulk. */
  bulkDelete?: Role[];
  /** Actions nobody may run, refused through the API too (e.g. the generic edit of leads). */
  neverOffered?: string[];
  /**
   * Roles that may look a record up by id through `show` and get its id and title only — what a
   * record select of a CRM form shows as its value; the record's page is not offered to them.
   */
  titleLookup?: Role[];
}

/**
 * Dictionaries and users: administrators do everything; managers only pick them in record selects
 * (search by title, and look up a title by id).
 */
const ADMINISTERED = [
  'Department',
  'ObjectType',
  'Premises',
  'ClientSector',
  'CompanyProfile',
  'ProductCategory',
  'ServiceType',
  'HistoryEventType',
  'Pipeline',
  'Stage',
  'StageItem',
  'WorkingCalendarDay',
  'LeadStatusLimit',
  'User',
];
const administratorsOnly: MatrixRow = {
  resourceActions: { admin: ['list', 'new'], manager: [], committee: [] },
  recordActions: {
    admin: { own: ['show', 'edit', 'delete'] },
    manager: { own: [] },
    committee: { own: 'forbidden' },
  },
  bulkDelete: ['admin'],
  titleLookup: ['manager'],
};

export const ACCESS_MATRIX: Record<string, MatrixRow> = {
  // status actions appear by status: the sample lead is «Новый», so «Взять в работу»
  Lead: {
    resourceActions: { admin: ['list', 'new', 'export'], manager: ['list', 'new', 'export'], committee: [] },
    recordActions: {
      admin: { own: ['show', 'takeIntoWork'] },
      manager: { own: ['show', 'takeIntoWork'], other: ['show'] },
      committee: { own: 'forbidden' },
    },
    statusActions: ['submit', 'finishProcessing'],
    neverOffered: ['edit', 'delete', 'bulkDelete'],
  },
  // the sample client is at an open stage: «Активировать» and the follow-up appear at other stages
  Client: {
    resourceActions: { admin: ['list', 'new', 'export'], manager: ['list', 'new', 'export'], committee: [] },
    recordActions: {
      admin: {
        own: [
          'show',
          'edit',
          'delete',
          'newDeal',
          'addHistoryEvent',
          'changeStatus',
          'setStage',
          'deactivate',
        ],
      },
      manager: {
        own: ['show', 'edit', 'newDeal', 'addHistoryEvent', 'changeStatus', 'setStage', 'deactivate'],
        other: ['show'],
      },
      committee: { own: 'forbidden' },
    },
    statusActions: ['activate', 'contractFollowUp'],
    neverOffered: ['bulkDelete'],
  },
  HistoryEvent: {
    resourceActions: { admin: ['list', 'new', 'export'], manager: ['list', 'new', 'export'], committee: [] },
    recordActions: {
      admin: { own: ['show', 'edit', 'delete'] },
      manager: { own: ['show', 'edit'], other: ['show'] },
      committee: { own: 'forbidden' },
    },
    neverOffered: ['bulkDelete'],
  },
  // the sample deal is a draft: «Завершить» appears once it is signed
  Deal: {
    resourceActions: { admin: ['list', 'new', 'export'], manager: ['list', 'new', 'export'], committee: [] },
    recordActions: {
      admin: { own: ['show', 'editLines', 'sign', 'cancel'] },
      manager: { own: ['show', 'editLines', 'sign', 'cancel'], other: ['show'] },
      committee: { own: 'forbidden' },
    },
    statusActions: ['close'],
    neverOffered: ['edit', 'delete', 'bulkDelete'],
  },
  // the sample is a committee report of the manager's department (another department's: report-access.e2e.ts)
  Report: {
    resourceActions: {
      admin: ['list', 'export', 'requestReport'],
      manager: ['list', 'export', 'requestReport'],
      committee: ['list', 'export'],
    },
    recordActions: {
      admin: { own: ['show'] },
      manager: { own: ['show'] },
      committee: { own: ['show'] },
    },
    neverOffered: ['new', 'edit', 'delete', 'bulkDelete'],
  },
  ...Object.fromEntries(ADMINISTERED.map((resource) => [resource, administratorsOnly])),
  // One row, changed only: «Рабочее время».
  WorkingHours: {
    resourceActions: { admin: ['list'], manager: [], committee: [] },
    recordActions: {
      admin: { own: ['show', 'edit'] },
      manager: { own: [] },
      committee: { own: 'forbidden' },
    },
    neverOffered: ['new', 'delete', 'bulkDelete'],
    titleLookup: ['manager'],
  },
  Notification: {
    resourceActions: { admin: ['list'], manager: [], committee: [] },
    recordActions: {
      admin: { own: ['show', 'resend'] },
      manager: { own: 'forbidden' },
      committee: { own: 'forbidden' },
    },
    neverOffered: ['new', 'edit', 'delete', 'bulkDelete'],
  },
  AuditLog: {
    resourceActions: { admin: ['list', 'export'], manager: [], committee: [] },
    recordActions: {
      admin: { own: ['show'] },
      manager: { own: 'forbidden' },
      committee: { own: 'forbidden' },
    },
    neverOffered: ['new', 'edit', 'delete', 'bulkDelete'],
  },
  LoginAttempt: {
    resourceActions: { admin: ['list'], manager: [], committee: [] },
    recordActions: {
      admin: { own: ['show'] },
      manager: { own: 'forbidden' },
      committee: { own: 'forbidden' },
    },
    neverOffered: ['new', 'edit', 'delete', 'bulkDelete'],
  },
};
