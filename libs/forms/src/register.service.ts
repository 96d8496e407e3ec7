import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AgencyService, inScope } from '@app/agencies';
import type { Actor } from '@app/auth';
import { invalidField } from '@app/common';
import { Clock } from '@app/config';
import { type ReportPeriod, type ReportScope, ReportsService, XLSX_CONTENT_TYPE } from '@app/reports';
import type { FormAgency, RegisterInput } from './form-input';
import { formSourcesSql } from './form-sources.repository';
import { REGISTER_PDF_EXTRAS, registerForm } from './forms/register.form';
import { renderPdfInWorker } from './pdf-renderer';
import { registerSql } from './register.repository';
import { registerWorkbook } from './register.workbook';

export const REGISTER_FORMATS = ['pdf', 'xlsx'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

/**
 * The most dossiers one register lists; a longer one is asked for in parts. pdfmake lays out about 2.5 ms a row on a worker
 * thread (2,000 rows, some 140 pages: about 5 s); exceljs writes under 1 ms a row on the API's event loop.
 */
export const MAX_REGISTER_ROWS: Record<RegisterFormat, number> = { pdf: 2000, xlsx: 5000 };

export interface RenderedRegister {
  bytes: Buffer;
  contentType: string;
  /** "Mẫu 07 - Sổ theo dõi hồ sơ - H12.01 - 2026-11-01_2026-11-30.pdf" */
  fileName: string;
}

const TITLE = 'Sổ theo dõi hồ sơ';

/** Mẫu 07 as a PDF, laid out on a worker thread (the service and the tests of its layout). */
export function renderRegisterPdf(input: RegisterInput): Promise<Buffer> {
  const subject = `${TITLE} ${input.agency.name}, từ ${input.from} đến ${input.to}`;
  return renderPdfInWorker(registerForm(input), { title: `Mẫu 07: ${TITLE}`, subject, author: input.agency.name, issuedAt: input.printedAt }, REGISTER_PDF_EXTRAS);
}

/**
 * Mẫu 07, Sổ theo dõi hồ sơ: the receiving desk's register. It lists the dossiers received at the desks of the selection
 * during the period (refused and withdrawn ones included), by time of receipt, whichever agency resolves them; `agencyCode`
 * selects that agency's desk and the desks under it. The period and the scope are the reports' (404 outside the caller's).
 */
@Injectable()
export class RegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly agencies: AgencyService,
    private readonly clock: Clock,
  ) {}

  async render(period: ReportPeriod, scope: ReportScope, actor: Actor, format: RegisterFormat): Promise<RenderedRegister> {
    const p = this.reports.resolvePeriod(period);
    const m = this.dataSource.manager;
    const max = MAX_REGISTER_ROWS[format];
    const rows = await registerSql.rows(m, { start: p.start, end: p.end, desks: await this.desks(scope), limit: max + 1 });
    if (rows.length > max) throw invalidField('to', `a ${format} register lists at most ${max} dossiers: choose a shorter period`, 'too_many_rows', { max });
    const code = scope.agencyCode ?? actor.agencyCode;
    const agency: FormAgency = (code ? (await formSourcesSql.agencies(m, [code])).get(code) : undefined) ?? { code: '', name: 'Các bộ phận tiếp nhận và trả kết quả', parentName: null, place: null };
    const input: RegisterInput = { agency, from: p.from, to: p.to, rows, printedAt: this.clock.now() };
    const name = `Mẫu 07 - ${TITLE} - ${agency.code || 'tất cả'} - ${p.from}_${p.to}`;
    return format === 'xlsx'
      ? { bytes: await registerWorkbook(input), contentType: XLSX_CONTENT_TYPE, fileName: `${name}.xlsx` }
      : { bytes: await renderRegisterPdf(input), contentType: 'application/pdf', fileName: `${name}.pdf` };
  }

  /** The desks listed: the caller's agencies, or agencyCode's subtree within them. */
  private async desks(scope: ReportScope): Promise<'all' | string[]> {
    if (scope.agencyCode === undefined) return scope.agencyCodes === 'all' ? 'all' : [...scope.agencyCodes];
    return (await this.agencies.subtree(scope.agencyCode)).filter((c) => inScope(scope.agencyCodes, c));
  }
}
