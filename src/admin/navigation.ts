/** The four sections of the back-office sidebar. */
export const navigation = {
  crm: { name: 'CRM', icon: 'Briefcase' },
  dictionaries: { name: 'Справочники', icon: 'Book' },
  reports: { name: 'Отчёты', icon: 'FileText' },
  administration: { name: 'Администрирование', icon: 'Settings' },
} as const;
