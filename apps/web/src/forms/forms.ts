/**
 * The forms of Circular 03/2025 as the server renders them (PDF): their pages in the app, which ones a dossier has, and
 * their bytes fetched with the officer's token (a plain link would carry none).
 */
import { call, client, fileNameOf } from '../api';
import type { components } from '../api-schema';
import type { DossierEvent } from '../types';

export type DossierForm = components['schemas']['DossierForm'];

/** Each form's number, title and page under the dossier (`/ho-so/:id/<path>`; the first two keep their old addresses). */
export const FORMS: Readonly<Record<DossierForm, { number: string; title: string; path: string }>> = {
  receipt: { number: '01', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', path: 'giay-tiep-nhan' },
  'supplement-request': { number: '02', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', path: 'phieu-bo-sung' },
  refusal: { number: '03', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', path: 'phieu-tu-choi' },
  apology: { number: '04', title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết', path: 'thu-xin-loi' },
  'stop-notice': { number: '05', title: 'Thông báo dừng giải quyết hồ sơ', path: 'thong-bao-dung' },
  'control-sheet': { number: '06', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', path: 'phieu-kiem-soat' },
};

export const FORM_ORDER = Object.keys(FORMS) as DossierForm[];

export function formPath(dossierId: string, form: DossierForm): string {
  return `/ho-so/${dossierId}/${FORMS[form].path}`;
}

/** The form an event issues to the applicant (as the server files it); the receipt and control sheet exist for every dossier. */
export const ISSUES_FORM: Readonly<Partial<Record<DossierEvent['type'], DossierForm>>> = { REQUEST_SUPPLEMENT: 'supplement-request', EXTEND: 'apology', WITHDRAW: 'stop-notice' };

/** The forms a dossier has, in their numbered order; a refusal belongs to a dossier not accepted, which the app does not list yet. */
export function formsOf(events: readonly Pick<DossierEvent, 'type'>[]): DossierForm[] {
  const issued = new Set<DossierForm>(['receipt', 'control-sheet']);
  for (const e of events) {
    const form = ISSUES_FORM[e.type];
    if (form) issued.add(form);
  }
  return FORM_ORDER.filter((form) => issued.has(form));
}

export interface FormPdf {
  blob: Blob;
  /** The server's name for it (Content-Disposition), e.g. "Mẫu 01 - Giấy tiếp nhận … - H12.01-261123-0001.pdf". */
  fileName: string;
}

/** The PDF as the server renders it now; ApiError on a refusal (409 `form_not_applicable`, 404 outside the officer's scope). */
export async function fetchFormPdf(dossierId: string, form: DossierForm): Promise<FormPdf> {
  const answer = await client.GET('/api/v1/dossiers/{id}/forms/{form}', {
    params: { path: { id: dossierId, form } },
    parseAs: 'blob',
    headers: { Accept: 'application/pdf, application/json' },
  });
  const blob = (await call(Promise.resolve(answer))) as Blob;
  return { blob, fileName: fileNameOf(answer.response) ?? `Mẫu ${FORMS[form].number} - ${FORMS[form].title}.pdf` };
}
