import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Ip,
  Post,
  Res,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

import { isDatabaseUnavailable, markDatabaseUnavailable } from '../../../common/database-unavailable.js';
import { DomainError } from '../../../common/domain-error.js';
import type { AppConfig } from '../../../config/config.js';
import { APP_CONFIG } from '../../../config/tokens.js';
import { LeadIntakeService } from '../lead-intake.service.js';
import {
  renderConsentPage,
  renderFormPage,
  renderSentPage,
  type FormPageState,
  type ObjectTypeGroup,
} from './form-pages.js';

const NOT_SENT_DATABASE_AWAY =
  'Заявка не отправлена: база данных временно недоступна. Отправьте форму ещё раз через несколько секунд — введённое сохранено.';
const FORM_DATABASE_AWAY =
  'База данных временно недоступна: заявку можно заполнить, отправьте её через несколько секунд.';

/**
 * The public feedback form (docs/product.md §1.2), no login: `GET /form` shows it, `POST /form` is its plain
 * submission (no JavaScript needed); with JavaScript the page posts to `POST /api/leads` instead.
 */
@ApiExcludeController()
@Controller('form')
export class PublicFormController implements OnApplicationBootstrap {
  /** The last «Тип объекта» choices read: the form is still shown with them while the database is away. */
  private knownGroups: ObjectTypeGroup[] = [];

  constructor(
    private readonly intake: LeadIntakeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.groups().catch(() => undefined);
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  async show(@Res({ passthrough: true }) response: Response): Promise<string> {
    try {
      return this.formPage({ groups: await this.groups() });
    } catch (error) {
      if (!isDatabaseUnavailable(error) || this.knownGroups.length === 0) throw error;
      markDatabaseUnavailable(response);
      return this.formPage({ groups: this.knownGroups, message: FORM_DATABASE_AWAY });
    }
  }

  @Post()
  @HttpCode(303)
  async submit(@Body() body: unknown, @Ip() ip: string, @Res() response: Response): Promise<void> {
    const values = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    // The plain form always submits: a `draft` field would come from a crafted request.
    const { draft: _draft, ...submission } = values;
    try {
      await this.intake.receive(submission, ip);
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        // The visitor gets the form back with what they typed, to send again in a moment.
        markDatabaseUnavailable(response)
          .type('html')
          .send(
            this.formPage({
              groups: await this.groups().catch(() => this.knownGroups),
              values: submission,
              message: NOT_SENT_DATABASE_AWAY,
            }),
          );
        return;
      }
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      response
        .status(error.status)
        .type('html')
        .send(
          this.formPage({
            groups: await this.groups(),
            values: submission,
            errors: error.fields,
            message: error.message,
          }),
        );
      return;
    }
    response.redirect(303, '/form/sent');
  }

  @Get('sent')
  sent(): string {
    return renderSentPage();
  }

  @Get('consent')
  consent(): string {
    return renderConsentPage();
  }

  private formPage(state: Omit<FormPageState, 'draftRetentionDays'>): string {
    return renderFormPage({ ...state, draftRetentionDays: this.config.drafts.retentionDays });
  }

  private async groups(): Promise<ObjectTypeGroup[]> {
    this.knownGroups = await this.intake.objectTypeGroups();
    return this.knownGroups;
  }
}
