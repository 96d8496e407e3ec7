import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AgencyCalendarService } from '@app/agencies';
import type { TestApp } from './test-app';

/**
 * Scenarios computed around Monday 23/11/2026 before Tuesday 24/11 became a holiday (Ngày Văn hóa Việt Nam) keep the
 * ordinary week they were written for; national-calendar-2027.e2e-spec.ts tests that day itself.
 */
export async function withoutCultureDay2026(t: TestApp): Promise<void> {
  await t.app.get<DataSource>(getDataSourceToken()).query(`DELETE FROM calendar_day WHERE date = '2026-11-24'`);
  t.app.get(AgencyCalendarService).invalidate();
}
