/**
 * The reception desk's intake form: procedure, document checklist (with the scans of each paper), applicant, channel; on
 * success the scans are uploaded to the new dossier, then the receipt (a refused scan is shown, to retry or leave for later).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { agencyTree, indentedName, useReceivableAgencies } from '../admin/agencies';
import { ApiError, call, client } from '../api';
import { useAuth } from '../auth';
import { ErrorBox, Field, LabelOptions, Page } from '../components';
import type { WorkDossier } from '../dossier/model';
import { dossierChanged, useProcedures } from '../dossier/queries';
import { FilePicker, type PickedFile, releasePicked } from '../files/file-picker';
import { UploadList, useUploads } from '../files/upload-list';
import { formatDuration, formatMoney } from '../format';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, DOSSIER_AGENCY_LABELS, LEVEL_LABELS } from '../labels';
import {
  type ApplicantForm,
  EMPTY_APPLICANT,
  ID_LABELS,
  NAME_LABELS,
  newIdempotencyKey,
  searchable,
  serverFieldMessage,
  toApplicant,
  validateApplicant,
} from '../reception/applicant-rules';
import { defaultResolvingAgency } from '../reception/resolving-agency';
import type { Agency, Channel, FieldError, NewDossier } from '../types';

interface DocState {
  checked: boolean;
  copies: string;
}

const CHANNELS: Channel[] = ['direct', 'online', 'postal'];

function copiesError(copies: string): string | undefined {
  return /^\d+$/.test(copies) && +copies >= 1 && +copies <= 100 ? undefined : 'Số bản từ 1 đến 100.';
}

export default function IntakePage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const formId = useId();
  const needsAgency = !user?.agencyCode;

  const procedures = useProcedures();
  const receivable = useReceivableAgencies();
  const candidates = useMemo(() => receivable.data ?? [], [receivable.data]);

  const [search, setSearch] = useState('');
  const [procedureCode, setProcedureCode] = useState('');
  const [agencyCode, setAgencyCode] = useState('');
  const [docs, setDocs] = useState<Record<string, DocState>>({});
  const [applicant, setApplicant] = useState<ApplicantForm>(EMPTY_APPLICANT);
  const [channel, setChannel] = useState<Channel>('direct');
  const [attempted, setAttempted] = useState(false);
  const [askConfirm, setAskConfirm] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, FieldError>>({});
  // One key per form fill: a double click or a retry after a lost answer returns the same dossier.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  // Scans per document line, uploaded once the dossier exists (the upload needs its id).
  const [scans, setScans] = useState<Record<string, PickedFile[]>>({});
  const [created, setCreated] = useState<WorkDossier | null>(null);
  const uploads = useUploads(created?.id ?? null);
  const scansRef = useRef(scans);
  useEffect(() => {
    scansRef.current = scans;
  }, [scans]);
  // Previews are local object URLs: released when the page goes.
  useEffect(() => () => releasePicked(Object.values(scansRef.current).flat()), []);

  const procedure = procedures.data?.find((p) => p.code === procedureCode);
  // agencyCode is '' until the officer picks one: the default follows the procedure chosen; without the list, the API's default (their own).
  const resolving = agencyCode || (receivable.data ? defaultResolvingAgency(candidates, user?.agencyCode, procedure) : (user?.agencyCode ?? ''));
  const chooseAgency = needsAgency || candidates.length > 1;
  const options = useMemo(() => {
    const q = searchable(search.trim());
    const all = procedures.data ?? [];
    return q ? all.filter((p) => p.code === procedureCode || searchable(`${p.code} ${p.name} ${p.field}`).includes(q)) : all;
  }, [procedures.data, search, procedureCode]);

  const docState = (code: string, copies: number): DocState => docs[code] ?? { checked: false, copies: String(copies) };
  const required = procedure?.requiredDocuments ?? [];
  const missing = required.filter((d) => !docState(d.code, d.copies).checked);
  const clientErrors = validateApplicant(applicant);

  const intake = useMutation({
    mutationFn: (body: NewDossier) => call(client.POST('/api/v1/dossiers', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body })),
    onSuccess: async (dossier) => {
      void dossierChanged(queryClient, dossier);
      const names = Object.fromEntries(required.map((d) => [d.code, d.name]));
      const items = Object.entries(scans).flatMap(([code, files]) =>
        files.map((f) => ({ key: f.key, file: f.file, fields: { kind: 'component' as const, documentCode: code }, label: names[code] ?? code, status: 'waiting' as const })),
      );
      if (!items.length) {
        navigate(`/ho-so/${dossier.id}/giay-tiep-nhan`);
        return;
      }
      setCreated(dossier);
      const result = await uploads.start(dossier.id, items);
      // Every scan stored: on to the receipt as before; otherwise the desk sees which ones failed and decides.
      if (result.failed === 0) toReceipt(dossier.id);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400) {
        setServerErrors(e.fieldErrors());
        focusFirstInvalid();
      }
    },
  });

  const applicantError = (f: keyof ApplicantForm) => {
    const server = serverErrors[`applicant.${f}`];
    return (attempted ? clientErrors[f] : undefined) ?? (server ? serverFieldMessage(server) : undefined);
  };
  const procedureError = attempted && !procedure ? 'Vui lòng chọn thủ tục hành chính.' : serverErrors.procedureCode && serverFieldMessage(serverErrors.procedureCode);
  const agencyError = attempted && !resolving ? 'Vui lòng chọn cơ quan giải quyết hồ sơ.' : serverErrors.agencyCode && serverFieldMessage(serverErrors.agencyCode);

  function setField(f: keyof ApplicantForm, value: string) {
    setApplicant((a) => ({ ...a, [f]: value }));
    if (serverErrors[`applicant.${f}`]) setServerErrors(({ [`applicant.${f}`]: _, ...rest }) => rest);
  }

  function toReceipt(id: string) {
    releasePicked(Object.values(scansRef.current).flat());
    setScans({});
    navigate(`/ho-so/${id}/giay-tiep-nhan`);
  }

  function addScans(code: string, copies: number, files: PickedFile[]) {
    setScans((all) => ({ ...all, [code]: [...(all[code] ?? []), ...files] }));
    // A scanned paper is a paper received.
    setDoc(code, copies, { checked: true });
  }

  function removeScan(code: string, key: string) {
    setScans((all) => {
      releasePicked((all[code] ?? []).filter((f) => f.key === key));
      return { ...all, [code]: (all[code] ?? []).filter((f) => f.key !== key) };
    });
  }

  function clearScans() {
    releasePicked(Object.values(scans).flat());
    setScans({});
  }

  function setDoc(code: string, copies: number, patch: Partial<DocState>) {
    setDocs((all) => ({ ...all, [code]: { ...docState(code, copies), ...patch } }));
  }

  function focusFirstInvalid() {
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (intake.isPending) return;
    setAttempted(true);
    const copiesInvalid = required.some((d) => {
      const s = docState(d.code, d.copies);
      return s.checked && copiesError(s.copies);
    });
    if (!procedure || !resolving || Object.keys(clientErrors).length || copiesInvalid) {
      focusFirstInvalid();
      return;
    }
    if (missing.length && !confirmed) {
      setAskConfirm(true);
      setTimeout(() => document.getElementById('confirm-incomplete')?.focus());
      return;
    }
    setServerErrors({});
    intake.mutate({
      procedureCode: procedure.code,
      // The caller's own agency is the API's default: named only when another agency resolves it (liên thông).
      ...(resolving !== user?.agencyCode ? { agencyCode: resolving } : {}),
      channel,
      applicant: toApplicant(applicant),
      documents: required
        .filter((d) => docState(d.code, d.copies).checked)
        .map((d) => ({ code: d.code, name: d.name, copies: Number(docState(d.code, d.copies).copies) })),
    });
  }

  function reset() {
    setSearch('');
    setProcedureCode('');
    setAgencyCode('');
    setDocs({});
    clearScans();
    setApplicant(EMPTY_APPLICANT);
    setChannel('direct');
    setAttempted(false);
    setAskConfirm(false);
    setConfirmed(false);
    setServerErrors({});
    setIdempotencyKey(newIdempotencyKey());
    intake.reset();
  }

  const serverRejected = intake.error instanceof ApiError && intake.error.status === 400 && Object.keys(serverErrors).length > 0;
  const retryable = !!intake.error && !(intake.error instanceof ApiError && intake.error.status < 500);

  if (created) {
    const { done, failed, finished } = uploads.summary;
    return (
      <Page title="Tiếp nhận hồ sơ">
        <section className="card" aria-labelledby={`${formId}-uploads`}>
          <h2 id={`${formId}-uploads`} className="dossier-section-title">
            Tải bản scan lên hồ sơ {created.code}
          </h2>
          <p className="alert alert-ok" role="status">
            Hồ sơ {created.code} đã được tiếp nhận. {finished ? `Đã tải lên ${done}/${uploads.items.length} tệp.` : 'Đang tải các bản scan lên…'}
          </p>
          <UploadList items={uploads.items} label="Bản scan thành phần hồ sơ" />
          {finished && failed ? (
            <div className="alert alert-error" role="alert">
              <p>
                <strong>{failed} tệp chưa được lưu vào hồ sơ.</strong> Hồ sơ vẫn đã được tiếp nhận. Bấm “Thử lại các tệp lỗi” (ví dụ khi kho lưu trữ tạm
                thời gián đoạn), hoặc tiếp tục in giấy tiếp nhận và đính kèm lại sau ở trang hồ sơ (mục “Tài liệu đính kèm”).
              </p>
            </div>
          ) : null}
          <div className="row">
            {finished && failed ? (
              <button
                type="button"
                className="btn btn-primary"
                onClick={async () => {
                  const result = await uploads.retry();
                  if (result.failed === 0) toReceipt(created.id);
                }}
              >
                Thử lại các tệp lỗi
              </button>
            ) : null}
            <button type="button" className="btn" disabled={!finished} onClick={() => toReceipt(created.id)}>
              {failed ? 'Bỏ qua, in giấy tiếp nhận' : 'In giấy tiếp nhận'}
            </button>
          </div>
        </section>
      </Page>
    );
  }

  return (
    <Page title="Tiếp nhận hồ sơ">
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Tiếp nhận hồ sơ">
        <fieldset className="card">
          <legend>Thủ tục hành chính</legend>
          <ErrorBox error={procedures.error} />
          <div className="grid">
            <Field label="Tìm thủ tục (mã hoặc tên)" hint={procedures.data ? `${options.length} thủ tục phù hợp` : undefined}>
              {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Ví dụ: 1.001193 hoặc hộ kinh doanh" />}
            </Field>
            <Field label="Thủ tục hành chính" required error={procedureError || undefined}>
              {(p) => (
                <select
                  {...p}
                  value={procedureCode}
                  onChange={(e) => {
                    setProcedureCode(e.target.value);
                    setDocs({});
                    clearScans();
                    setAskConfirm(false);
                    setConfirmed(false);
                  }}
                >
                  <option value="">{procedures.isPending ? 'Đang tải danh sách…' : '— Chọn thủ tục —'}</option>
                  {options.map((pr) => (
                    <option key={pr.code} value={pr.code}>
                      {pr.code} — {pr.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {chooseAgency ? (
              <Field
                label={DOSSIER_AGENCY_LABELS.resolving}
                required
                error={agencyError || undefined}
                hint={needsAgency ? undefined : 'Mặc định là cơ quan của bạn; chọn cơ quan khác khi hồ sơ thuộc thẩm quyền giải quyết của cơ quan đó (liên thông).'}
              >
                {(p) => (
                  <select {...p} value={resolving} onChange={(e) => setAgencyCode(e.target.value)}>
                    <option value="">{receivable.isPending ? 'Đang tải danh sách…' : '— Chọn cơ quan —'}</option>
                    <ResolvingOptions agencies={candidates} />
                  </select>
                )}
              </Field>
            ) : null}
          </div>
          {procedure ? (
            <dl className="desk-facts" aria-label="Thông tin thủ tục">
              <div>
                <dt>Lĩnh vực</dt>
                <dd>{procedure.field}</dd>
              </div>
              <div>
                <dt>Cấp thực hiện</dt>
                <dd>{LEVEL_LABELS[procedure.level]}</dd>
              </div>
              <div>
                <dt>Thời hạn giải quyết</dt>
                <dd data-testid="processing-time">{formatDuration(procedure.processingTime)}</dd>
              </div>
              <div>
                <dt>Thời hạn khi nộp trực tuyến</dt>
                <dd>{procedure.onlineProcessingTime ? formatDuration(procedure.onlineProcessingTime) : 'Như nộp trực tiếp'}</dd>
              </div>
              <div>
                <dt>Phí, lệ phí</dt>
                <dd>{procedure.fee ? formatMoney(procedure.fee) : 'Không thu'}</dd>
              </div>
              {procedure.cutoff ? (
                <div>
                  <dt>Giờ chốt nhận trong ngày</dt>
                  <dd>{procedure.cutoff} (nhận sau giờ này tính từ buổi làm việc kế tiếp)</dd>
                </div>
              ) : null}
            </dl>
          ) : null}
        </fieldset>

        {procedure ? (
          <fieldset className="card">
            <legend>Thành phần hồ sơ đã nhận</legend>
            {required.length ? (
              <>
                <ul className="desk-checklist">
                  {required.map((d) => {
                    const s = docState(d.code, d.copies);
                    const err = attempted && s.checked ? copiesError(s.copies) : undefined;
                    const errId = `${formId}-copies-${d.code}`;
                    return (
                      <li key={d.code}>
                        <label className="check">
                          <input type="checkbox" checked={s.checked} onChange={(e) => setDoc(d.code, d.copies, { checked: e.target.checked })} />
                          <span>{d.name}</span>
                        </label>
                        <label className="desk-copies">
                          <span>Số bản</span>
                          <input
                            type="number"
                            min={1}
                            max={100}
                            inputMode="numeric"
                            aria-label={`Số bản: ${d.name}`}
                            aria-invalid={!!err}
                            aria-describedby={err ? errId : undefined}
                            value={s.copies}
                            onChange={(e) => setDoc(d.code, d.copies, { copies: e.target.value })}
                          />
                        </label>
                        {err ? (
                          <small id={errId} className="field-error">
                            {err}
                          </small>
                        ) : null}
                        <FilePicker
                          label={d.name}
                          files={scans[d.code] ?? []}
                          onAdd={(files) => addScans(d.code, d.copies, files)}
                          onRemove={(key) => removeScan(d.code, key)}
                          disabled={intake.isPending}
                        />
                      </li>
                    );
                  })}
                </ul>
                <button type="button" className="btn" onClick={() => setDocs(Object.fromEntries(required.map((d) => [d.code, { ...docState(d.code, d.copies), checked: true }])))}>
                  Đánh dấu đủ tất cả
                </button>
              </>
            ) : (
              <p className="muted">Thủ tục này không quy định thành phần hồ sơ.</p>
            )}
          </fieldset>
        ) : null}

        <fieldset className="card">
          <legend>Người nộp hồ sơ</legend>
          <div className="grid">
            <Field label="Đối tượng" required>
              {(p) => (
                <select {...p} value={applicant.type} onChange={(e) => setField('type', e.target.value)}>
                  <LabelOptions labels={APPLICANT_TYPE_LABELS} />
                </select>
              )}
            </Field>
            <Field label={NAME_LABELS[applicant.type]} required error={applicantError('fullName')}>
              {(p) => <input {...p} autoComplete="off" maxLength={200} value={applicant.fullName} onChange={(e) => setField('fullName', e.target.value)} />}
            </Field>
            <Field
              label={ID_LABELS[applicant.type]}
              required
              hint={applicant.type === 'citizen' ? '12 chữ số (số định danh cá nhân)' : '10 chữ số; chi nhánh thêm "-" và 3 chữ số'}
              error={applicantError('idNumber')}
            >
              {(p) => <input {...p} autoComplete="off" inputMode="numeric" value={applicant.idNumber} onChange={(e) => setField('idNumber', e.target.value)} />}
            </Field>
            <Field label="Số điện thoại" error={applicantError('phone')}>
              {(p) => <input {...p} type="tel" autoComplete="off" value={applicant.phone} onChange={(e) => setField('phone', e.target.value)} />}
            </Field>
            <Field label="Email" error={applicantError('email')}>
              {(p) => <input {...p} type="email" autoComplete="off" value={applicant.email} onChange={(e) => setField('email', e.target.value)} />}
            </Field>
            <Field label="Địa chỉ" error={applicantError('address')}>
              {(p) => <input {...p} autoComplete="off" maxLength={500} value={applicant.address} onChange={(e) => setField('address', e.target.value)} />}
            </Field>
          </div>
        </fieldset>

        <fieldset className="card">
          <legend>Hình thức nộp hồ sơ</legend>
          <div className="row desk-channels">
            {CHANNELS.map((c) => (
              <label key={c} className="check">
                <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => setChannel(c)} />
                <span>{CHANNEL_LABELS[c]}</span>
              </label>
            ))}
          </div>
          {channel === 'online' && procedure?.onlineProcessingTime ? (
            <p className="muted">Hồ sơ trực tuyến được hẹn theo thời hạn {formatDuration(procedure.onlineProcessingTime)}.</p>
          ) : null}
        </fieldset>

        {askConfirm && missing.length ? (
          <div className="alert alert-warn desk-warning" role="alert">
            <p>
              <strong>Hồ sơ chưa đủ thành phần.</strong> Còn thiếu:
            </p>
            <ul>
              {missing.map((d) => (
                <li key={d.code}>{d.name}</li>
              ))}
            </ul>
            <label className="check">
              <input id="confirm-incomplete" type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              <span>Tôi xác nhận vẫn tiếp nhận: các giấy tờ còn thiếu không bắt buộc trong trường hợp này.</span>
            </label>
          </div>
        ) : null}

        {serverRejected ? (
          <div className="alert alert-error" role="alert">
            Hồ sơ chưa được tạo: máy chủ báo dữ liệu không hợp lệ ở các trường được đánh dấu.
          </div>
        ) : (
          <ErrorBox error={intake.error} />
        )}
        {retryable ? <p className="muted">Bấm “Tiếp nhận hồ sơ” lần nữa để thử lại: hồ sơ sẽ không bị tạo hai lần.</p> : null}

        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={intake.isPending} aria-disabled={intake.isPending}>
            {intake.isPending ? 'Đang tiếp nhận…' : 'Tiếp nhận hồ sơ'}
          </button>
          <button type="button" className="btn" onClick={reset} disabled={intake.isPending}>
            Nhập hồ sơ khác
          </button>
        </div>
      </form>
    </Page>
  );
}

/** The agencies the desk may receive for, in tree order. */
function ResolvingOptions({ agencies }: { agencies: Agency[] }) {
  return agencyTree(agencies, (a) => a.code).map((n) => (
    <option key={n.item.code} value={n.item.code}>
      {indentedName(n)}
    </option>
  ));
}
