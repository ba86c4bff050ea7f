import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import { NotificationService, type AddressedNotification } from '../notification/notification.service.js';
import { unroutedLeadMail } from './lead-notification.js';
import { LeadService } from './lead.service.js';

/**
 * How the outbox addresses the lead mails that found nobody when they were written: the new lead's
 * mail goes to whoever its department lists now, and while nobody, a copy goes to the active
 * administrators (once per lead), so that no lead goes unnoticed.
 */
@Injectable()
export class LeadMailAddressing implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly leads: LeadService,
  ) {}

  onModuleInit(): void {
    this.notifications.addressWith('lead_created', {
      recipients: async ({ leadId }) => (leadId === null ? undefined : this.leads.currentRecipients(leadId)),
      whileWaiting: (manager, notification) => this.copyToAdministrators(manager, notification),
    });
    this.notifications.addressWith('lead_unrouted', {
      recipients: async () => ({ to: await this.administrators(this.dataSource.manager), cc: [] }),
    });
  }

  private async copyToAdministrators(manager: EntityManager, notification: AddressedNotification) {
    if (notification.leadId === null) return;
    const [lead] = (await manager.query(
      `SELECT d.name AS department FROM lead l JOIN department d ON d.id = l.department_id WHERE l.id = $1`,
      [notification.leadId],
    )) as { department: string }[];
    if (!lead) return;
    await this.notifications.enqueue(manager, {
      kind: 'lead_unrouted',
      leadId: notification.leadId,
      to: await this.administrators(manager),
      cc: [],
      ...unroutedLeadMail(lead.department, notification),
    });
  }

  private async administrators(manager: EntityManager): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT email FROM app_user WHERE role = 'admin' AND active ORDER BY id`,
    )) as { email: string }[];
    return rows.map((row) => row.email);
  }
}
