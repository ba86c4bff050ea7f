import type { EntityManager } from 'typeorm';

import type { UserRole } from './entities/user.entity.js';

/** What decides which CRM records a user may change. */
export interface DepartmentAccessor {
  role: UserRole;
  departmentId: number | null;
}

/** A «Ответственный» choice: an active member of staff, with their department. */
export interface StaffRow {
  id: number;
  name: string;
  departmentId: number | null;
}

export interface DepartmentChoiceRow {
  id: number;
  name: string;
}

/** The user module's SQL, in the caller's transaction (or the data source's manager). */
export class UserRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Whether the user is active and has one of `roles`. */
  async isActiveInRoles(userId: number, roles: readonly UserRole[]): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM app_user WHERE id = $1 AND active AND role = ANY($2)`,
      [userId, roles],
    );
    return rows.length > 0;
  }

  /** The active users with one of `roles`, by name. */
  async activeInRoles(roles: readonly UserRole[]): Promise<StaffRow[]> {
    return this.manager.query(
      `SELECT id, full_name AS name, department_id AS "departmentId" FROM app_user
       WHERE active AND role = ANY($1) ORDER BY full_name`,
      [roles],
    );
  }

  async departmentChoices(): Promise<DepartmentChoiceRow[]> {
    return this.manager.query('SELECT id, name FROM department ORDER BY position, name');
  }

  /** An active user's role and department, read now (undefined: no such active user). */
  async activeAccessor(userId: number): Promise<DepartmentAccessor | undefined> {
    const rows: DepartmentAccessor[] = await this.manager.query(
      `SELECT role, department_id AS "departmentId" FROM app_user WHERE id = $1 AND active`,
      [userId],
    );
    return rows[0];
  }

  /** The department of a client's card (undefined: no such client). */
  async clientDepartmentId(clientId: number): Promise<number | undefined> {
    const rows: { departmentId: number }[] = await this.manager.query(
      'SELECT department_id AS "departmentId" FROM client WHERE id = $1',
      [clientId],
    );
    return rows[0]?.departmentId;
  }

  /** Ends the user's back-office sessions; answers how many. */
  async deleteSessions(userId: number): Promise<number> {
    // For DELETE, TypeORM's PostgreSQL driver answers [rows, affected count].
    const [, ended]: [unknown[], number] = await this.manager.query(
      `DELETE FROM session WHERE (sess -> 'adminUser' ->> 'id') = $1`,
      [String(userId)],
    );
    return ended;
  }

  /** The active administrators' addresses, oldest account first. */
  async activeAdministratorEmails(): Promise<string[]> {
    const rows: { email: string }[] = await this.manager.query(
      `SELECT email FROM app_user WHERE role = 'admin' AND active ORDER BY id`,
    );
    return rows.map((row) => row.email);
  }

  /** One creation of the first administrator at a time, across instances, until the transaction ends. */
  async lockInitialAdministrator(): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock(7311002)');
  }
}
