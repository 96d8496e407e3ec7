import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Content } from 'pdfmake/interfaces';
import type { DataSource } from 'typeorm';
import type { Actor } from '@app/auth';
import type { DossierForm } from '@app/common';
import { AppConfig } from '@app/config';
import { Dossier, DossierEvent, DossierQueryService, dossierNotFound } from '@app/dossiers';
import { type CompiledProcedure, ProceduresService } from '@app/procedures';
import { code128 } from './barcode';
import type { ControlSheetRow, FormAgency, FormDossier } from './form-input';
import { formSourcesSql } from './form-sources.repository';
import { apologyForm } from './forms/apology.form';
import { controlSheetForm } from './forms/control-sheet.form';
import { receiptForm } from './forms/receipt.form';
import { stopNoticeForm } from './forms/stop-notice.form';
import { supplementRequestForm } from './forms/supplement-request.form';
import { renderPdf } from './pdf-renderer';

/** Each form's number and title (Phụ lục I, Circular 03/2025/TT-VPCP). */
export const FORM_TITLES: Record<DossierForm, { number: string; title: string }> = {
  receipt: { number: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' },
  'supplement-request': { number: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' },
  refusal: { number: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' },
  apology: { number: '04', title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết' },
  'stop-notice': { number: '05', title: 'Thông báo dừng giải quyết hồ sơ' },
  'control-sheet': { number: '06', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' },
};

/** Events a control sheet notes though the dossier stays where it is. */
const NOTED: Record<string, string> = {
  REQUEST_SUPPLEMENT: 'Yêu cầu bổ sung hồ sơ',
  SUPPLEMENT_RECEIVED: 'Nhận hồ sơ bổ sung',
  SUSPEND: 'Tạm dừng xử lý',
  RESUME: 'Tiếp tục xử lý',
  EXTEND: 'Gia hạn, xin lỗi người nộp',
  WITHDRAW: 'Người nộp rút hồ sơ',
  RETURN: 'Trả lại bước trước',
};

export interface RenderedForm {
  pdf: Buffer;
  /** "Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả - H12.01-261202-0001.pdf" */
  fileName: string;
}

const notApplicable = (form: DossierForm, why: string) =>
  new ConflictException({ error: 'form_not_applicable', message: `Mẫu ${FORM_TITLES[form].number} (${form}) does not apply to this dossier: ${why}` });

/**
 * The forms of one dossier as PDF, rendered on the server from the dossier and its event log (api.md "Forms (PDF)"):
 * read as the dossier is read (404 outside); 409 where the form does not apply (no supplement was asked, no extension…).
 * A form issued at an event shows that event's data, so printing it again gives the same document.
 */
@Injectable()
export class FormsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: DossierQueryService,
    private readonly procedures: ProceduresService,
    private readonly config: AppConfig,
  ) {}

  async render(id: string, form: DossierForm, actor: Actor): Promise<RenderedForm> {
    return this.renderFor(await this.queries.readable(id, actor), form);
  }

  /** The form as the event `seq` issued it (the system files it); a form that event did not issue is not applicable. */
  async renderIssued(id: string, form: DossierForm, seq: number): Promise<RenderedForm> {
    const d = await this.dataSource.getRepository(Dossier).findOneBy({ id });
    if (!d) throw dossierNotFound(id);
    return this.renderFor(d, form, seq);
  }

  private async renderFor(d: Dossier, form: DossierForm, seq?: number): Promise<RenderedForm> {
    const id = d.id;
    const events = await this.dataSource.getRepository(DossierEvent).find({ where: { dossierId: id }, order: { seq: 'ASC' } });
    const procedure = await this.procedures.compile(d.procedureCode, d.procedureVersion);
    const m = this.dataSource.manager;
    const agencyCodes = [...new Set([d.agencyCode, d.receivingAgencyCode, ...events.flatMap((e) => [e.fromAgency, e.toAgency]).filter((c): c is string => !!c)])];
    const agencies = await formSourcesSql.agencies(m, agencyCodes);
    const names = await formSourcesSql.fullNames(m, [...new Set(events.map((e) => e.actorUsername))]);
    const signer = (username: string) => ({ fullName: names.get(username) ?? username });
    const dossier = formDossier(d, procedure, events, agencies);
    const lookupUrl = `${this.config.http.publicBaseUrl}/tra-cuu?ma=${encodeURIComponent(d.code)}&k=${d.lookupKey}`;
    // The latest such event, or the one named by seq (a form filed for an earlier request shows that request).
    const last = (type: string) => [...events].reverse().find((e) => e.type === type && (seq === undefined || e.seq === seq));

    let content: Content[];
    let issuedAt: Date;
    switch (form) {
      case 'receipt': {
        const received = events[0];
        content = receiptForm({ dossier, lookupUrl, receivedBy: signer(received.actorUsername) }, await code128(d.code));
        issuedAt = received.at;
        break;
      }
      case 'supplement-request': {
        const e = last('REQUEST_SUPPLEMENT');
        if (!e) throw notApplicable(form, 'no supplement was requested');
        const items = Array.isArray(e.data?.missingItems) ? (e.data.missingItems as unknown[]).map(String) : [];
        content = supplementRequestForm({ dossier, requestedAt: e.at, missingItems: items, reason: e.note ?? '', requestedBy: signer(e.actorUsername), lookupUrl });
        issuedAt = e.at;
        break;
      }
      case 'refusal':
        throw notApplicable(form, 'the dossier was accepted (a refusal at intake has its own dossier in status not_accepted)');
      case 'apology': {
        const e = last('EXTEND');
        if (!e) throw notApplicable(form, 'the appointment was never extended');
        const previous = [...events].filter((x) => x.seq < e.seq && x.type === 'EXTEND').pop();
        content = apologyForm({
          dossier,
          at: e.at,
          reason: String(e.data?.reason ?? e.note ?? ''),
          previousDueAt: previous?.data?.extendedDueAt ? new Date(String(previous.data.extendedDueAt)) : d.dueAt,
          extendedDueAt: new Date(String(e.data?.extendedDueAt)),
          agency: agencies.get(d.agencyCode) ?? dossier.desk,
        });
        issuedAt = e.at;
        break;
      }
      case 'stop-notice': {
        const e = last('WITHDRAW');
        if (!e) throw notApplicable(form, 'the applicant has not withdrawn it');
        content = stopNoticeForm({ dossier, at: e.at, reason: e.note, notedBy: signer(e.actorUsername) });
        issuedAt = e.at;
        break;
      }
      case 'control-sheet':
        issuedAt = events[events.length - 1].at;
        content = controlSheetForm({ dossier, rows: controlSheetRows(events, procedure, agencies, d.receivingAgencyCode, signer), printedAt: issuedAt });
        break;
    }
    const { number, title } = FORM_TITLES[form];
    const author = (form === 'apology' ? agencies.get(d.agencyCode) : dossier.desk)?.name ?? dossier.desk.name;
    const pdf = await renderPdf({ content }, { title: `Mẫu ${number}: ${title} – ${d.code}`, subject: `${title}, hồ sơ ${d.code}`, author, issuedAt });
    return { pdf, fileName: `Mẫu ${number} - ${title} - ${d.code}.pdf` };
  }
}

function formDossier(d: Dossier, procedure: CompiledProcedure, events: DossierEvent[], agencies: Map<string, FormAgency>): FormDossier {
  const def = procedure.definition;
  const unknown = (code: string): FormAgency => ({ code, name: code, parentName: null, place: null });
  const received = events[0];
  const appointment = received?.data?.dueAt ? new Date(String(received.data.dueAt)) : d.dueAt;
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: def.name,
    channel: d.channel,
    applicant: d.applicant,
    documents: d.documents ?? [],
    receivedAt: d.receivedAt,
    dueAt: appointment,
    processingTime: d.channel === 'online' && def.onlineProcessingTime ? def.onlineProcessingTime : def.processingTime,
    desk: agencies.get(d.receivingAgencyCode) ?? unknown(d.receivingAgencyCode),
    resolving: d.agencyCode !== d.receivingAgencyCode ? (agencies.get(d.agencyCode) ?? unknown(d.agencyCode)) : null,
  };
}

/** Mẫu 06's rows: each time the dossier changed hands (step or agency), and the events that paused or stretched it. */
function controlSheetRows(
  events: DossierEvent[],
  procedure: CompiledProcedure,
  agencies: Map<string, FormAgency>,
  receiving: string,
  signer: (u: string) => { fullName: string },
): ControlSheetRow[] {
  const stepName = (id: string | null) => procedure.definition.steps.find((s) => s.id === id)?.name ?? id;
  const agencyName = (code: string | null) => (code ? (agencies.get(code)?.name ?? code) : '');
  const holderLabel = (step: string | null, agency: string | null, status: string) =>
    step ? `${stepName(step)} – ${agencyName(agency)}` : status === 'returned' ? 'Người nộp hồ sơ (nhận kết quả)' : status === 'result_ready' ? `Có kết quả – ${agencyName(agency)}` : `Kết thúc – ${agencyName(agency)}`;
  const rows: ControlSheetRow[] = [];
  let holder = receiving;
  for (const e of events) {
    const before = holder;
    if (e.toAgency) holder = e.toAgency;
    const by = signer(e.actorUsername).fullName;
    if (e.type === 'RECEIVE') {
      rows.push({ from: 'Người nộp hồ sơ', to: holderLabel(e.toStep, holder, e.toStatus), at: e.at, onTime: null, by, note: null });
    } else if (e.fromStep !== e.toStep || (e.toAgency && e.toAgency !== before)) {
      rows.push({ from: holderLabel(e.fromStep, before, e.fromStatus ?? ''), to: holderLabel(e.toStep, holder, e.toStatus), at: e.at, onTime: e.stepOnTime, by, note: NOTED[e.type] ?? e.note });
    } else if (NOTED[e.type]) {
      const here = holderLabel(e.toStep, holder, e.toStatus);
      rows.push({ from: here, to: here, at: e.at, onTime: null, by, note: [NOTED[e.type], e.note].filter(Boolean).join(': ') });
    }
  }
  return rows;
}
