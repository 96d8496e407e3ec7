/**
 * The actions an officer may take on a dossier now (allowed by its state and by their role), each with the fields it needs.
 * Sent with the version the page shows, so a page that went stale gets 409 instead of acting on old state; typed text survives errors.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { fieldErrorMessage } from '../admin/field-errors';
import { ApiError, call, client } from '../api';
import { useAuth } from '../auth';
import { ErrorBox, errorMessage, Field, LabelOptions } from '../components';
import { FilePicker, type PickedFile, releasePicked } from '../files/file-picker';
import { RESULT_GROUP } from '../files/file-rules';
import { UploadList, useUploads } from '../files/upload-list';
import { FORMS, formPath, ISSUES_FORM } from '../forms/forms';
import { formatAppointment } from '../format';
import { ACTION_LABELS, RESULT_LABELS, ROLE_LABELS } from '../labels';
import type { DossierEventBody, EventType, Procedure, ResultType } from '../types';
import { agencyName, stepAgency } from './lien-thong';
import { SUSPEND_REASON_LABELS, type WorkDossier } from './model';
import { dossierChanged, invalidateDossier, useAssignees } from './queries';
import { localDateTime } from './working-time';

interface Draft {
  note: string;
  assigneeId: string;
  reason: string;
  resultType: ResultType | '';
  /** datetime-local value, Vietnam time. */
  extendedDueAt: string;
  missingDocs: string[];
  otherMissing: string;
}

const EMPTY: Draft = { note: '', assigneeId: '', reason: '', resultType: '', extendedDueAt: '', missingDocs: [], otherMissing: '' };

type Errors = Partial<Record<'note' | 'assigneeId' | 'reason' | 'resultType' | 'extendedDueAt' | 'missingItems', string>>;

const CONFIRM: Record<EventType, string> = {
  FORWARD: 'Xác nhận chuyển bước',
  RETURN: 'Xác nhận trả lại',
  ASSIGN: 'Xác nhận phân công',
  REQUEST_SUPPLEMENT: 'Gửi yêu cầu bổ sung',
  SUPPLEMENT_RECEIVED: 'Xác nhận đã nhận bổ sung',
  SUSPEND: 'Xác nhận tạm dừng',
  RESUME: 'Xác nhận tiếp tục xử lý',
  EXTEND: 'Xác nhận gia hạn',
  COMPLETE: 'Xác nhận hoàn thành',
  DELIVER: 'Xác nhận đã trả kết quả',
  WITHDRAW: 'Xác nhận rút hồ sơ',
};

const NOTE_LABELS: Partial<Record<EventType, string>> = {
  RETURN: 'Lý do trả lại',
  REQUEST_SUPPLEMENT: 'Nội dung yêu cầu bổ sung',
  EXTEND: 'Lý do chậm trễ (nội dung xin lỗi)',
  WITHDRAW: 'Lý do rút hồ sơ (theo đề nghị của người nộp)',
};

const missingItemsOf = (d: Draft) => [
  ...d.missingDocs,
  ...d.otherMissing
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean),
];

/** A local date-time typed in Vietnam time, as the API wants it (ISO with its offset). */
const toIso = (local: string) => `${local.length === 16 ? `${local}:00` : local}+07:00`;

function validate(type: EventType, d: Draft, dossier: WorkDossier): Errors {
  const e: Errors = {};
  const note = d.note.trim();
  if (type === 'RETURN' && !note) e.note = 'Vui lòng nhập lý do trả lại hồ sơ cho bước trước.';
  if (type === 'REQUEST_SUPPLEMENT') {
    if (!note) e.note = 'Vui lòng nhập nội dung yêu cầu bổ sung.';
    if (!missingItemsOf(d).length) e.missingItems = 'Vui lòng chọn hoặc nhập ít nhất một giấy tờ cần bổ sung.';
  }
  if (type === 'ASSIGN' && !d.assigneeId) e.assigneeId = 'Vui lòng chọn cán bộ được phân công.';
  if (type === 'SUSPEND') {
    if (!d.reason) e.reason = 'Vui lòng chọn lý do tạm dừng.';
    else if (d.reason === 'other' && !note) e.note = 'Vui lòng ghi rõ lý do tạm dừng.';
  }
  if (type === 'EXTEND') {
    if (!d.extendedDueAt) e.extendedDueAt = 'Vui lòng chọn ngày, giờ hẹn trả mới.';
    else if (Date.parse(toIso(d.extendedDueAt)) <= Date.parse(dossier.dueAt)) e.extendedDueAt = 'Ngày hẹn mới phải sau ngày hẹn hiện tại.';
    if (!note) e.note = 'Vui lòng nhập lý do chậm trễ.';
  }
  if (type === 'COMPLETE' && !d.resultType) e.resultType = 'Vui lòng chọn kết quả giải quyết.';
  return e;
}

function bodyOf(type: EventType, d: Draft, version: number): DossierEventBody {
  const note = d.note.trim() || undefined;
  const body: DossierEventBody = { type, note, expectedVersion: version };
  if (type === 'ASSIGN') body.assigneeId = d.assigneeId;
  if (type === 'REQUEST_SUPPLEMENT') body.missingItems = missingItemsOf(d);
  if (type === 'SUSPEND') body.reason = d.reason;
  if (type === 'EXTEND') Object.assign(body, { extendedDueAt: toIso(d.extendedDueAt), reason: note });
  // validate() has made sure a result was chosen.
  if (type === 'COMPLETE' && d.resultType) body.resultType = d.resultType;
  return body;
}

const ERROR_FIELDS: (keyof Errors)[] = ['note', 'assigneeId', 'reason', 'resultType', 'extendedDueAt', 'missingItems'];

/** The server's 400 reasons, in Vietnamese, under the field they name ("missingItems[1]" under the missing items). */
function serverFieldErrors(e: unknown): Errors {
  if (!(e instanceof ApiError) || e.status !== 400) return {};
  const out: Errors = {};
  for (const [field, error] of Object.entries(e.fieldErrors())) {
    const key = field.split(/[.[]/)[0] as keyof Errors;
    if (ERROR_FIELDS.includes(key)) out[key] = `Máy chủ không chấp nhận giá trị này: ${fieldErrorMessage(error)}.`;
  }
  return out;
}

function ActionError({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!error) return null;
  const body = error instanceof ApiError ? error.body : null;
  let text: ReactNode = errorMessage(error);
  let reload = false;
  if (body?.error === 'concurrent_change') {
    text = 'Hồ sơ đã được người khác cập nhật trong lúc bạn thao tác. Vui lòng tải lại hồ sơ rồi thực hiện lại; nội dung bạn đã nhập vẫn được giữ.';
    reload = true;
  } else if (body?.error === 'event_not_allowed') {
    text = 'Thao tác này không còn hợp lệ ở trạng thái hiện tại của hồ sơ (có thể người khác vừa xử lý). Vui lòng tải lại hồ sơ.';
    reload = true;
  } else if (error instanceof ApiError && error.status === 400) {
    text = `Thông tin chưa hợp lệ: ${error.message}`;
  }
  return (
    <div className="alert alert-error" role="alert">
      <p>{text}</p>
      {reload ? (
        <button type="button" className="btn" onClick={onReload}>
          Tải lại hồ sơ
        </button>
      ) : null}
    </div>
  );
}

export function ActionPanel({
  dossier,
  procedure,
  reloading = false,
}: {
  dossier: WorkDossier;
  procedure?: Procedure;
  /** The dossier is being re-read: wait for its new version before sending. */
  reloading?: boolean;
}) {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const formId = useId();
  // The API lists the events the dossier's state allows and the signed-in officer's roles may send.
  const actions = dossier.allowedEvents;
  const [open, setOpen] = useState<EventType | null>(null);
  const [drafts, setDrafts] = useState<Partial<Record<EventType, Draft>>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<EventType | null>(null);
  // The result document(s) of COMPLETE: uploaded first (kind=result, allowed while COMPLETE is), then COMPLETE is sent.
  const [resultFiles, setResultFiles] = useState<PickedFile[]>([]);
  const resultUploads = useUploads(dossier.id);
  const resultFilesRef = useRef(resultFiles);
  useEffect(() => {
    resultFilesRef.current = resultFiles;
  }, [resultFiles]);
  useEffect(() => () => releasePicked(resultFilesRef.current), []);
  const send = useMutation({
    mutationFn: (body: DossierEventBody) => call(client.POST('/api/v1/dossiers/{id}/events', { params: { path: { id: dossier.id } }, body })),
    onSuccess: async (next, body) => {
      const type = body.type;
      setDrafts((all) => ({ ...all, [type]: undefined }));
      setOpen(null);
      setDone(type);
      await dossierChanged(queryClient, next);
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
  });

  const current = open && actions.includes(open) ? open : null;
  const draft = (current && drafts[current]) || EMPTY;
  const update = (patch: Partial<Draft>) => {
    if (!current) return;
    setDrafts((all) => ({ ...all, [current]: { ...draft, ...patch } }));
    // An edited field's message goes; the others stay until the next attempt.
    const touched = Object.keys(patch).map((k) => (k === 'missingDocs' || k === 'otherMissing' ? 'missingItems' : k));
    setErrors((all) => Object.fromEntries(Object.entries(all).filter(([k]) => !touched.includes(k))));
  };
  const steps = procedure?.steps ?? [];
  const at = steps.findIndex((s) => s.id === dossier.currentStep?.id);
  const next = at >= 0 ? steps[at + 1] : undefined;
  const previous = at > 0 ? steps[at - 1] : undefined;
  // Only the officers the API would accept: the step's agency and role, active accounts.
  const assignees = useAssignees(dossier.id, dossier.currentStep?.id, current === 'ASSIGN');

  function choose(type: EventType) {
    setOpen(type === current ? null : type);
    setErrors({});
    setDone(null);
    send.reset();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!current || resultUploads.running) return;
    const found = validate(current, draft, dossier);
    setErrors(found);
    if (Object.keys(found).length) return;
    if (current === 'COMPLETE' && resultFiles.length) {
      const items = resultFiles.map((f) => ({ key: f.key, file: f.file, fields: { kind: 'result' as const }, label: RESULT_GROUP, status: 'waiting' as const }));
      const result = await resultUploads.start(dossier.id, items);
      // Stored results leave the list (they are on the dossier now); a refused one stops COMPLETE until it is sent or removed.
      const failed = new Set(result.items.filter((i) => i.status === 'failed').map((i) => i.key));
      setResultFiles((all) => {
        releasePicked(all.filter((f) => !failed.has(f.key)));
        return all.filter((f) => failed.has(f.key));
      });
      if (failed.size) return;
    }
    send.mutate(bodyOf(current, draft, dossier.version));
  }

  const reload = () => {
    send.reset();
    void invalidateDossier(queryClient, dossier.id);
  };

  const noteField = (required: boolean, label = 'Ghi chú', hint?: string) => (
    <Field label={NOTE_LABELS[current!] ?? label} required={required} error={errors.note} hint={hint}>
      {(p) => <textarea {...p} rows={3} maxLength={2000} value={draft.note} onChange={(e) => update({ note: e.target.value })} />}
    </Field>
  );

  // A step another agency works: the dossier changes hands (liên thông), say to whom.
  const elsewhere = (step: typeof next) => {
    const code = step ? stepAgency(step, dossier) : null;
    return code && code !== dossier.currentStep?.agencyCode ? `, chuyển sang ${agencyName(dossier, code)}` : '';
  };

  function fields(type: EventType): ReactNode {
    switch (type) {
      case 'FORWARD':
        return (
          <>
            <p>
              Chuyển hồ sơ sang bước: <strong>{next ? `${next.name} (${ROLE_LABELS[next.role]})` : 'bước tiếp theo'}</strong>
              {elsewhere(next)}.
            </p>
            {noteField(false)}
          </>
        );
      case 'RETURN':
        return (
          <>
            <p>
              Trả hồ sơ về bước: <strong>{previous ? `${previous.name} (${ROLE_LABELS[previous.role]})` : 'bước trước'}</strong>
              {elsewhere(previous)}.
            </p>
            {noteField(true)}
          </>
        );
      case 'ASSIGN':
        return (
          <>
            <Field label="Cán bộ được phân công" required error={errors.assigneeId}>
              {(p) => (
                <select {...p} value={draft.assigneeId} onChange={(e) => update({ assigneeId: e.target.value })}>
                  <option value="">{assignees.isLoading ? 'Đang tải danh sách cán bộ…' : '— Chọn cán bộ —'}</option>
                  {(assignees.data ?? []).map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.fullName} ({o.username}){o.id === user?.id ? ' (tôi)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {assignees.error ? <ErrorBox error={assignees.error} /> : null}
            {assignees.data?.length === 0 ? <p className="muted">Không có cán bộ nào có vai trò của bước này để phân công.</p> : null}
            {noteField(false)}
          </>
        );
      case 'REQUEST_SUPPLEMENT':
        return (
          <>
            {noteField(true)}
            <fieldset aria-describedby={errors.missingItems ? `${formId}-missing-error` : undefined}>
              <legend>
                Giấy tờ cần bổ sung <span className="required" aria-hidden="true">*</span>
              </legend>
              {procedure?.requiredDocuments.map((doc) => (
                <label key={doc.code} className="check">
                  <input
                    type="checkbox"
                    checked={draft.missingDocs.includes(doc.name)}
                    onChange={(e) =>
                      update({ missingDocs: e.target.checked ? [...draft.missingDocs, doc.name] : draft.missingDocs.filter((n) => n !== doc.name) })
                    }
                  />
                  {doc.name}
                </label>
              ))}
              <Field label="Giấy tờ khác (mỗi dòng một mục)">
                {(p) => <textarea {...p} rows={2} value={draft.otherMissing} onChange={(e) => update({ otherMissing: e.target.value })} />}
              </Field>
              {errors.missingItems ? (
                <small id={`${formId}-missing-error`} className="field-error">
                  {errors.missingItems}
                </small>
              ) : null}
            </fieldset>
          </>
        );
      case 'SUSPEND':
        return (
          <>
            <Field label="Lý do tạm dừng" required error={errors.reason}>
              {(p) => (
                <select {...p} value={draft.reason} onChange={(e) => update({ reason: e.target.value })}>
                  <option value="">— Chọn lý do —</option>
                  <LabelOptions labels={SUSPEND_REASON_LABELS} />
                </select>
              )}
            </Field>
            {noteField(draft.reason === 'other', 'Ghi chú', 'Thời gian tạm dừng không tính vào thời hạn giải quyết.')}
          </>
        );
      case 'EXTEND':
        return (
          <>
            <p>
              Hẹn trả hiện tại: <strong>{formatAppointment(dossier.dueAt)}</strong>. Chỉ gia hạn một lần, trước ngày hẹn trả; thống kê vẫn
              tính theo ngày hẹn ban đầu.
            </p>
            <Field label="Ngày, giờ hẹn trả mới" required error={errors.extendedDueAt}>
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  min={localDateTime(dossier.dueAt)}
                  value={draft.extendedDueAt}
                  onChange={(e) => update({ extendedDueAt: e.target.value })}
                />
              )}
            </Field>
            {noteField(true)}
          </>
        );
      case 'COMPLETE':
        return (
          <>
            <fieldset aria-describedby={errors.resultType ? `${formId}-result-error` : undefined}>
              <legend>
                Kết quả giải quyết <span className="required" aria-hidden="true">*</span>
              </legend>
              {(['approved', 'refused'] as const).map((r) => (
                <label key={r} className="check">
                  <input type="radio" name={`${formId}-result`} value={r} checked={draft.resultType === r} onChange={() => update({ resultType: r })} />
                  {RESULT_LABELS[r]}
                </label>
              ))}
              {errors.resultType ? (
                <small id={`${formId}-result-error`} className="field-error">
                  {errors.resultType}
                </small>
              ) : null}
            </fieldset>
            <fieldset className="result-files">
              <legend>Tệp kết quả giải quyết</legend>
              <p className="muted">
                Đính kèm văn bản kết quả (quyết định, giấy chứng nhận đã ký…) nếu có. Khi xác nhận, các tệp được tải lên trước; chỉ khi tất cả đã
                được lưu, hồ sơ mới chuyển sang “Đã có kết quả”. Có thể đính kèm thêm sau ở mục “Tài liệu đính kèm” cho đến khi trả kết quả.
              </p>
              <FilePicker
                label="Kết quả giải quyết"
                files={resultFiles}
                onAdd={(files) => setResultFiles((all) => [...all, ...files])}
                onRemove={(key) =>
                  setResultFiles((all) => {
                    releasePicked(all.filter((f) => f.key === key));
                    return all.filter((f) => f.key !== key);
                  })
                }
                disabled={resultUploads.running || send.isPending}
              />
              <UploadList items={resultUploads.items} label="Tải tệp kết quả lên" />
              {resultUploads.summary.failed && resultFiles.length ? (
                <p className="alert alert-error" role="alert">
                  Hồ sơ chưa được hoàn thành: {resultUploads.summary.failed} tệp kết quả chưa lưu được. Bấm xác nhận để thử lại, hoặc bỏ tệp lỗi.
                </p>
              ) : null}
            </fieldset>
            {noteField(false)}
          </>
        );
      case 'WITHDRAW':
        return (
          <>
            <p className="alert alert-warn">Hồ sơ đã rút sẽ dừng xử lý và không thể khôi phục.</p>
            {noteField(false)}
          </>
        );
      default:
        return noteField(false);
    }
  }

  // The form the applicant is given for what was just done (Mẫu 02, 04, 05).
  const issued = done ? ISSUES_FORM[done] : undefined;
  return (
    <section className="card" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`} className="dossier-section-title">
        Xử lý hồ sơ
      </h2>
      {done ? (
        <div className="alert alert-ok" role="status">
          <p>Đã thực hiện: {ACTION_LABELS[done]}.</p>
          {issued ? (
            <p>
              <Link to={formPath(dossier.id, issued)}>In {FORMS[issued].title.toLocaleLowerCase('vi')}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {actions.length === 0 ? (
        <p className="muted">Bạn không có thao tác nào trên hồ sơ này ở bước hiện tại.</p>
      ) : (
        <div className="dossier-actions" role="group" aria-label="Các thao tác được phép">
          {actions.map((type) => (
            <button
              key={type}
              type="button"
              className={`btn${type === current ? ' btn-primary' : ''}${type === 'WITHDRAW' ? ' btn-danger' : ''}`}
              aria-expanded={type === current}
              aria-controls={type === current ? `${formId}-form` : undefined}
              onClick={() => choose(type)}
            >
              {ACTION_LABELS[type]}
            </button>
          ))}
        </div>
      )}
      {current ? (
        <form id={`${formId}-form`} className="dossier-action-form" aria-label={ACTION_LABELS[current]} onSubmit={(e) => void submit(e)} noValidate>
          <h3>{ACTION_LABELS[current]}</h3>
          <ActionError error={send.error} onReload={reload} />
          {fields(current)}
          <div className="row">
            <button type="submit" className={`btn ${current === 'WITHDRAW' ? 'btn-danger' : 'btn-primary'}`} disabled={send.isPending || reloading || resultUploads.running}>
              {resultUploads.running ? 'Đang tải tệp kết quả…' : send.isPending ? 'Đang gửi…' : CONFIRM[current]}
            </button>
            <button type="button" className="btn" onClick={() => choose(current)}>
              Hủy
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
