import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { runAsVisitor } from '../../common/request-context.js';
import type { Lead } from './entities/lead.entity.js';
import { assertDraftContinues, draftTokenHash, parseDraftToken } from './draft-token.js';
import { leadNotFound } from './lead-errors.js';
import { isDraftRequest, leadColumns, requireLeadInput } from './lead-input.js';
import { routeOf } from './lead-route.js';
import { LeadRepository } from './lead.repository.js';
import { LeadService } from './lead.service.js';
import type { LeadStatus } from './lead-transitions.js';
import type { ObjectTypeGroup } from './public-form/form-pages.js';

/** What the public intake answers: the lead, and a draft's key for the visitor's next save. */
export interface ReceivedLead {
  id: number;
  status: LeadStatus;
  draftToken?: string;
}

/**
 * The public intake (the form and `POST /api/leads`): new leads, a visitor's drafts by their key,
 * and the form's «Тип объекта» choices. Status changes go through LeadService.
 */
@Injectable()
export class LeadIntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leads: LeadService,
  ) {}

  /**
   * What the public form and `POST /api/leads` send. With `draft: true` the input is saved as a
   * draft; otherwise it is submitted («Новый», the department is e-mailed). A new form draft gets
   * a key (`draftToken`, answered to this request only): with it, that same draft is updated or
   * submitted. A draft that is gone is started anew, so nothing the visitor typed is lost; one
   * already submitted, or taken over by a staff member, is refused (409). The visitor's changes of
   * an existing draft are theirs in the audit log («Посетитель формы, IP …»).
   */
  async receive(body: unknown, ip: string): Promise<ReceivedLead> {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const draft = isDraftRequest(body);
    const raw = Object.hasOwn(fields, 'draftToken') ? fields.draftToken : undefined;
    const startAnew = async (): Promise<ReceivedLead> => {
      const { lead, draftToken } = await this.leads.start(body, { source: 'form', draft, ip });
      return { id: lead.id, status: lead.status, ...(draftToken ? { draftToken } : {}) };
    };
    if (raw === undefined || raw === null || raw === '') return startAnew();
    const token = parseDraftToken(raw);
    const input = requireLeadInput(body, draft, 'form');
    const route = await routeOf(this.dataSource.manager, input.objectTypeId);
    const leadId = await new LeadRepository(this.dataSource.manager).idByDraftTokenHash(
      draftTokenHash(token),
    );
    if (leadId === undefined) return startAnew();
    const changes = leadColumns(input, route?.departmentId ?? null, 'form', ip);
    try {
      const lead = await runAsVisitor(ip, () =>
        draft ? this.saveDraft(leadId, changes) : this.leads.submitVisitorDraft(leadId, changes, route),
      );
      return { id: lead.id, status: lead.status, ...(lead.status === 'draft' ? { draftToken: token } : {}) };
    } catch (error) {
      // Deleted meanwhile (an unsent draft past its retention): started anew, as for a key not known.
      if (error instanceof DomainError && error.status === 404) return startAnew();
      throw error;
    }
  }

  /** The visitor's autosave of their existing draft (no status change). */
  private async saveDraft(leadId: number, changes: Partial<Lead>): Promise<Lead> {
    return this.dataSource.transaction(async (manager) => {
      const leads = new LeadRepository(manager);
      const lead = await leads.lockForChange(leadId);
      if (!lead) throw leadNotFound();
      assertDraftContinues(lead);
      await leads.update(lead.id, { ...changes, version: lead.version + 1 });
      return leads.getById(lead.id);
    });
  }

  /** «Тип объекта» choices of the public form, grouped by the department that receives them. */
  async objectTypeGroups(): Promise<ObjectTypeGroup[]> {
    const rows = await new LeadRepository(this.dataSource.manager).objectTypeChoices();
    const groups: ObjectTypeGroup[] = [];
    for (const row of rows) {
      if (groups.at(-1)?.department !== row.department)
        groups.push({ department: row.department, objectTypes: [] });
      groups.at(-1)!.objectTypes.push({ id: row.id, name: row.name });
    }
    return groups;
  }
}
