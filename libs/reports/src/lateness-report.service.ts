import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AgencyCalendarService } from '@app/agencies';
import { formatLocal } from '@app/calendar';
import { Clock } from '@app/config';
import { type LatenessQueryRow, latenessQuery } from './lateness.query';
import type { ReportPeriod, ReportScope } from './report-scope';
import { ReportsService } from './reports.service';

export interface LatenessCounts {
  /** Steps the agency held that were finished (forwarded, returned or completed) in the period. */
  stepsHeld: number;
  /** Of those, finished after their deadline. */
  stepsLate: number;
  /** Working minutes from each late step's deadline to its end, on the agency's calendar, whole minutes each. */
  workingMinutesLate: number;
  /** Steps it holds now past their deadline (processing dossiers), whatever the period. */
  overdueNow: number;
}

export interface LatenessRow extends LatenessCounts {
  agencyCode: string;
  name: string;
}

export interface LatenessReport {
  period: { from: string; to: string };
  /** The server's now, when overdueNow was counted. */
  asOf: string;
  /** Agencies that finished a step in the period or hold an overdue one now, by code. */
  rows: LatenessRow[];
  total: LatenessCounts;
}

/**
 * Step lateness per agency that held the step (liên thông: the agency that caused a delay answers for it, whichever
 * agency resolves the dossier). The minutes late are worked out here rather than stored: the log already holds each
 * step's deadline and end, only the late steps need the arithmetic, and the event log is append-only (no backfill).
 */
@Injectable()
export class LatenessReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly calendars: AgencyCalendarService,
    private readonly clock: Clock,
  ) {}

  async lateness(period: ReportPeriod, scope: ReportScope): Promise<LatenessReport> {
    const p = this.reports.resolvePeriod(period);
    const now = this.clock.now();
    const { sql, params } = latenessQuery({ start: p.start, end: p.end, now, scope });
    const found: LatenessQueryRow[] = await this.dataSource.query(sql, params);
    const rows: LatenessRow[] = [];
    for (const r of found) {
      const calendar = await this.calendars.forAgency(r.agency_code);
      // Whole minutes per step, as the transition path counts waits.
      const workingMinutesLate = (r.late ?? []).reduce((sum, [due, end]) => sum + (due ? Math.round(calendar.between(new Date(due), new Date(end))) : 0), 0);
      rows.push({
        agencyCode: r.agency_code,
        name: r.name,
        stepsHeld: Number(r.steps_held),
        stepsLate: Number(r.steps_late),
        workingMinutesLate,
        overdueNow: Number(r.open_overdue),
      });
    }
    const sum = (k: keyof LatenessCounts) => rows.reduce((n, r) => n + r[k], 0);
    return {
      period: { from: p.from, to: p.to },
      asOf: formatLocal(now),
      rows,
      total: { stepsHeld: sum('stepsHeld'), stepsLate: sum('stepsLate'), workingMinutesLate: sum('workingMinutesLate'), overdueNow: sum('overdueNow') },
    };
  }
}
