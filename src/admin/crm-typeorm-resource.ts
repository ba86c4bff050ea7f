import { Resource } from '@adminjs/typeorm';
import { ValidationError } from 'adminjs';
import type { BaseEntity } from 'typeorm';

import { translateDatabaseError } from '../database/database-errors.js';

type AdminEntity = typeof BaseEntity;

const FORM_ERROR = 'form';

/**
 * The TypeORM adapter, with database refusals turned into Russian messages on the right field.
 * The stock adapter shows PostgreSQL's English text and silently drops errors that are not
 * query failures; here every refusal reaches the user and nothing is half-saved.
 */
export class CrmTypeormResource extends Resource {
  override async validateAndSave(instance: BaseEntity): Promise<void> {
    try {
      await instance.save();
    } catch (error) {
      throw this.asValidationError(error);
    }
  }

  override async delete(id: string | number): Promise<void> {
    try {
      const model = (this as unknown as { model: AdminEntity }).model;
      const instance = await model.findOneBy({ [this.idName()]: id });
      if (instance) await instance.remove();
    } catch (error) {
      throw this.asValidationError(error);
    }
  }

  private asValidationError(error: unknown): unknown {
    const model = (this as unknown as { model: AdminEntity }).model;
    const translated = translateDatabaseError(error, model.getRepository().metadata);
    if (!translated) return error;
    // AdminJS treats a record without property errors as saved, so a refusal that names no
    // field is attached to a pseudo-field; the notice shows the message either way.
    const property = translated.property ?? FORM_ERROR;
    return new ValidationError(
      { [property]: { message: translated.message } },
      { message: translated.message },
    );
  }
}
