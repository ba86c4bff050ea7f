import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import { NotificationService, type AddressedNotification } from '../notification/notification.service.js';
import { unroutedLeadMail } from './lead-notification.js';
import { UserRepository } from '../user/user.repository.js';
import { LeadRepository } from './lead.repository.js';
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
    const department = await new LeadRepository(manager).departmentName(notification.leadId);
    if (department === undefined) return;
    await this.notifications.enqueue(manager, {
      kind: 'lead_unrouted',
      leadId: notification.leadId,
      to: await this.administrators(manager),
      cc: [],
      ...unroutedLeadMail(department, notification),
    });
  }

  private async administrators(manager: EntityManager): Promise<string[]> {
    return new UserRepository(manager).activeAdministratorEmails();
  }
}
