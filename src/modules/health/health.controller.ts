import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

/** `/health`: 200 when the app and its database answer, 503 with the reason when not. */
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  async check(@Res() response: Response): Promise<void> {
    const started = Date.now();
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      response
        .status(HttpStatus.OK)
        .json({ status: 'ok', database: 'ok', databaseLatencyMs: Date.now() - started });
    } catch {
      response
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .json({ status: 'error', database: 'unavailable', message: 'База данных недоступна' });
    }
  }
}
