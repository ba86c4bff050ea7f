/**
 * What the report builders draw, as plain data (it crosses into the PDF worker thread). The
 * figures come from SQL aggregates (src/modules/report/*-data.ts); money is a decimal string
 * (PostgreSQL `numeric`), never a float; times are in hours.
 */

/** A period of Moscow calendar dates, both ends included (YYYY-MM-DD). */
export interface Period {
  start: string;
  end: string;
}

/** A figure of this period beside the same figure of the previous one. */
export interface Compared {
  current: number;
  previous: number;
}

export interface ComparedMoney {
  current: string;
  previous: string;
}

export interface NamedCount extends Compared {
  name: string;
}

export interface NamedMoney {
  name: string;
  count: Compared;
  total: ComparedMoney;
}

export interface Durations {
  median: number | null;
  max: number | null;
}

export interface FunnelStage {
  name: string;
  kind: 'open' | 'won' | 'lost';
  /** Clients at this stage at the period's end. */
  clients: number;
  items: { name: string; clients: number }[];
  /** Clients that moved into this stage during the period (and the previous one). */
  entered: Compared;
}

export interface Funnel {
  pipeline: string;
  stages: FunnelStage[];
}

export interface WaitingLead {
  id: number;
  company: string;
  person: string;
  objectType: string;
  submittedAt: string;
  waitingHours: number;
}

export interface Deactivation {
  client: string;
  at: string;
  reason: string;
  user: string;
}

export interface SignedDeal {
  id: number;
  client: string;
  kind: string;
  signedAt: string;
  /** «услуга/площадь, сумма, срок» per line of this department, and the total. */
  lines: string[];
  total: string;
}

export interface ManagerActivity {
  name: string;
  events: Compared;
  statusChanges: Compared;
}

export interface CommitteeReportData {
  department: string;
  period: Period;
  previousPeriod: Period;
  generatedAt: string;
  leads: {
    received: Compared;
    byObjectType: NamedCount[];
    /** The current status of the leads received in the period. */
    byStatus: { name: string; count: number }[];
    processed: Compared;
    converted: Compared;
    inactive: Compared;
    reaction: { current: Durations; previous: Durations };
    processing: { current: Durations; previous: Durations };
    waiting: { total: number; oldest: WaitingLead[] };
  };
  clients: {
    added: Compared;
    funnels: Funnel[];
    deactivated: Compared;
    deactivations: Deactivation[];
  };
  deals: {
    signed: Compared;
    total: ComparedMoney;
    byKind: NamedMoney[];
    byService: NamedMoney[];
    list: SignedDeal[];
  };
  managers: ManagerActivity[];
}

export interface MonthFigures {
  /** 1–12. */
  month: number;
  clients: Compared;
  deals: Compared;
  value: ComparedMoney;
}

export interface OccupancyRow {
  objectType: string;
  premises: number;
  occupied: Compared;
  areaM2: string;
  occupiedAreaM2: string;
}

export interface TurnoverRow {
  sector: string;
  unit: string;
  clients: Compared;
  total: ComparedMoney;
}

export interface ClientTotal {
  name: string;
  total: ComparedMoney;
}

/** The annual figures of the whole park or of one department. */
export interface AnnualSection {
  title: string;
  months: MonthFigures[];
  clientsAdded: Compared;
  clientsBySector: NamedCount[];
  clientsByCompanyProfile: NamedCount[];
  clientsByProductCategory: NamedCount[];
  clientsByStatus: { pipeline: string; stages: NamedCount[] }[];
  deactivated: Compared;
  reactivated: Compared;
  leads: Compared;
  convertedLeads: Compared;
  deals: Compared;
  dealsValue: ComparedMoney;
  dealsByDepartment: NamedMoney[];
  dealsByService: NamedMoney[];
  largestClients: ClientTotal[];
  occupancy: OccupancyRow[];
  turnover: TurnoverRow[];
}

export interface AnnualReportData {
  year: number;
  generatedAt: string;
  overall: AnnualSection;
  departments: AnnualSection[];
}

export type ReportData =
  { kind: 'committee'; data: CommitteeReportData } | { kind: 'annual'; data: AnnualReportData };
