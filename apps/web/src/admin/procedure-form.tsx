/** The form that publishes a procedure definition (a new version of a code, or a new code): POST /api/v1/procedures. */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { call, client } from '../api';
import { ErrorBox, Field, LabelOptions } from '../components';
import { LEVEL_LABELS, ROLE_LABELS, UNIT_LABELS } from '../labels';
import type { Duration, Procedure, ProcedureDefinition, Role } from '../types';
import { fieldErrorMessage, fieldErrorsOf } from './field-errors';

type Unit = Duration['unit'];
interface StepRow {
  key: number;
  id: string;
  name: string;
  role: Role;
  value: string;
  unit: Unit;
}
interface DocRow {
  key: number;
  code: string;
  name: string;
  copies: string;
}
interface Draft {
  code: string;
  name: string;
  field: string;
  level: Procedure['level'];
  value: string;
  unit: Unit;
  hasOnline: boolean;
  onlineValue: string;
  onlineUnit: Unit;
  cutoff: string;
  supplementPolicy: Procedure['supplementPolicy'];
  fee: string;
  steps: StepRow[];
  docs: DocRow[];
}

export const SUPPLEMENT_POLICY_LABELS = {
  restart: 'Tính lại từ đầu: hồ sơ quay về bước đầu, hẹn trả tính lại từ ngày nhận bổ sung',
  pause: 'Tạm dừng: không tính thời gian chờ bổ sung, tiếp tục ở bước đang xử lý',
} as const;

// Row keys survive reordering so React keeps each row's inputs (and focus) with it.
let lastKey = 0;
const rowKey = () => ++lastKey;

function draftOf(p: Procedure | null): Draft {
  return {
    code: p?.code ?? '',
    name: p?.name ?? '',
    field: p?.field ?? '',
    level: p?.level ?? 'district',
    value: p ? String(p.processingTime.value) : '',
    unit: p?.processingTime.unit ?? 'working_days',
    hasOnline: !!p?.onlineProcessingTime,
    onlineValue: p?.onlineProcessingTime ? String(p.onlineProcessingTime.value) : '',
    onlineUnit: p?.onlineProcessingTime?.unit ?? p?.processingTime.unit ?? 'working_days',
    cutoff: p?.cutoff ?? '',
    supplementPolicy: p?.supplementPolicy ?? 'pause',
    fee: p ? String(p.fee) : '0',
    steps: (p?.steps ?? [{ id: 'receive', name: 'Tiếp nhận hồ sơ', role: 'reception' as Role, allotted: { value: 4, unit: 'working_hours' as Unit } }]).map((s) => ({
      key: rowKey(),
      id: s.id,
      name: s.name,
      role: s.role,
      value: String(s.allotted.value),
      unit: s.allotted.unit,
    })),
    docs: (p?.requiredDocuments ?? []).map((d) => ({ key: rowKey(), code: d.code, name: d.name, copies: String(d.copies) })),
  };
}

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/** The API's own words for a blank required field, so a box flagged here reads like one the API named. */
const REQUIRED = fieldErrorMessage({ code: 'required', reason: 'required' });

/**
 * The definition to publish, or the required number boxes left empty (field path → reason): the API takes numbers there,
 * so the form names an empty box itself instead of guessing a 0. Every other rule is the API's (its 400 lands at the fields).
 */
function definitionOf(d: Draft): { definition: ProcedureDefinition } | { blanks: Record<string, string> } {
  const blanks: Record<string, string> = {};
  const required = (path: string, s: string): number => {
    const n = num(s);
    if (n === null) blanks[path] = REQUIRED;
    return n ?? 0;
  };
  const definition: ProcedureDefinition = {
    code: d.code.trim(),
    name: d.name,
    field: d.field,
    level: d.level,
    processingTime: { value: required('processingTime.value', d.value), unit: d.unit },
    onlineProcessingTime: d.hasOnline ? { value: required('onlineProcessingTime.value', d.onlineValue), unit: d.onlineUnit } : null,
    cutoff: d.cutoff || null,
    supplementPolicy: d.supplementPolicy,
    fee: num(d.fee) ?? 0,
    steps: d.steps.map((s, i) => ({ id: s.id.trim(), name: s.name, role: s.role, allotted: { value: required(`steps[${i}].allotted.value`, s.value), unit: s.unit } })),
    requiredDocuments: d.docs.map((doc, i) => ({ code: doc.code.trim(), name: doc.name, copies: required(`requiredDocuments[${i}].copies`, doc.copies) })),
  };
  return Object.keys(blanks).length ? { blanks } : { definition };
}

const TOP_LABELS: Record<string, string> = {
  $: 'Thủ tục',
  code: 'Mã thủ tục',
  name: 'Tên thủ tục',
  field: 'Lĩnh vực',
  level: 'Cấp thực hiện',
  processingTime: 'Thời hạn giải quyết',
  'processingTime.value': 'Thời hạn giải quyết',
  'processingTime.unit': 'Đơn vị thời hạn giải quyết',
  onlineProcessingTime: 'Thời hạn trực tuyến',
  'onlineProcessingTime.value': 'Thời hạn trực tuyến',
  'onlineProcessingTime.unit': 'Đơn vị thời hạn trực tuyến',
  cutoff: 'Giờ chốt nhận hồ sơ',
  supplementPolicy: 'Khi yêu cầu bổ sung',
  fee: 'Lệ phí',
  steps: 'Các bước xử lý',
  requiredDocuments: 'Thành phần hồ sơ',
};
const STEP_LABELS: Record<string, string> = {
  id: 'mã bước',
  name: 'tên bước',
  role: 'vai trò',
  allotted: 'thời gian',
  'allotted.value': 'thời gian',
  'allotted.unit': 'đơn vị thời gian',
};
const DOC_LABELS: Record<string, string> = { code: 'mã giấy tờ', name: 'tên giấy tờ', copies: 'số bản' };

/** "steps[2].allotted.value" → "Bước 3, thời gian": the summary names what the admin sees on screen. */
function pathLabel(path: string): string {
  const row = /^(steps|requiredDocuments)\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (!row) return TOP_LABELS[path] ?? path;
  const [, list, index, rest] = row;
  const [prefix, labels] = list === 'steps' ? ['Bước', STEP_LABELS] : ['Giấy tờ', DOC_LABELS];
  return `${prefix} ${Number(index) + 1}${rest ? `, ${labels[rest] ?? rest}` : ''}`;
}

function UnitSelect({ value, onChange, ...p }: { value: Unit; onChange: (u: Unit) => void; id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) {
  return (
    <select {...p} value={value} onChange={(e) => onChange(e.target.value as Unit)}>
      <LabelOptions labels={UNIT_LABELS} />
    </select>
  );
}

export function ProcedureForm({ initial, onPublished }: { initial: Procedure | null; onPublished: (p: Procedure) => void }) {
  const isNew = !initial;
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const publish = useMutation({
    mutationFn: (body: ProcedureDefinition) => call(client.POST('/api/v1/procedures', { body })),
    onSuccess: (p) => {
      setErrors({});
      onPublished(p);
    },
    onError: (e) => setErrors(fieldErrorsOf(e)),
  });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setStep = (i: number, patch: Partial<StepRow>) => setDraft((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const setDoc = (i: number, patch: Partial<DocRow>) => setDraft((d) => ({ ...d, docs: d.docs.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  // Row errors name positions: once rows move, the old positions would point at the wrong rows.
  const dropRowErrors = (list: 'steps' | 'requiredDocuments') =>
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`${list}[`))));
  const setSteps = (steps: StepRow[]) => {
    dropRowErrors('steps');
    set('steps', steps);
  };
  const moveStep = (i: number, to: number) => {
    const steps = [...draft.steps];
    const [row] = steps.splice(i, 1);
    steps.splice(to, 0, row);
    setSteps(steps);
  };
  const addStep = () => {
    const ids = new Set(draft.steps.map((s) => s.id));
    let n = draft.steps.length + 1;
    while (ids.has(`buoc_${n}`)) n++;
    const last = draft.steps[draft.steps.length - 1];
    setSteps([...draft.steps, { key: rowKey(), id: `buoc_${n}`, name: '', role: 'specialist', value: '', unit: last?.unit ?? 'working_hours' }]);
  };
  const setDocs = (docs: DocRow[]) => {
    dropRowErrors('requiredDocuments');
    set('docs', docs);
  };

  const err = (...paths: string[]) => paths.map((p) => errors[p]).find(Boolean);
  const problems = Object.entries(errors);
  // A 400 that named fields is shown at them; anything else (a 409, a network error, a 400 naming none) as itself.
  const namedFields = Object.keys(fieldErrorsOf(publish.error)).length > 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    const out = definitionOf(draft);
    if ('blanks' in out) {
      publish.reset();
      setErrors(out.blanks);
      return;
    }
    publish.mutate(out.definition);
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={isNew ? 'Thêm thủ tục mới' : 'Công bố phiên bản mới'}>
      {problems.length > 0 ? (
        <div className="alert alert-error" role="alert">
          <strong>Chưa công bố được: có {problems.length} chỗ cần sửa.</strong>
          <ul>
            {problems.map(([path, reason]) => (
              <li key={path}>
                {pathLabel(path)}: {reason}
              </li>
            ))}
          </ul>
        </div>
      ) : namedFields ? null : (
        <ErrorBox error={publish.error} />
      )}

      <fieldset>
        <legend>Thông tin chung</legend>
        <div className="grid">
          {isNew ? (
            <Field label="Mã thủ tục" required error={err('code')} hint="Mã trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ 1.001193">
              {(p) => <input {...p} value={draft.code} onChange={(e) => set('code', e.target.value)} />}
            </Field>
          ) : null}
          <Field label="Tên thủ tục" required error={err('name')}>
            {(p) => <input {...p} value={draft.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <Field label="Lĩnh vực" required error={err('field')}>
            {(p) => <input {...p} value={draft.field} onChange={(e) => set('field', e.target.value)} />}
          </Field>
          <Field label="Cấp thực hiện" error={err('level')}>
            {(p) => (
              <select {...p} value={draft.level} onChange={(e) => set('level', e.target.value as Draft['level'])}>
                <LabelOptions labels={LEVEL_LABELS} />
              </select>
            )}
          </Field>
        </div>
        <div className="grid">
          <Field label="Thời hạn giải quyết" required error={err('processingTime.value', 'processingTime')}>
            {(p) => <input {...p} type="number" inputMode="decimal" min="0" step="any" value={draft.value} onChange={(e) => set('value', e.target.value)} />}
          </Field>
          <Field label="Đơn vị thời hạn" error={err('processingTime.unit')}>
            {(p) => <UnitSelect {...p} value={draft.unit} onChange={(u) => set('unit', u)} />}
          </Field>
          <Field label="Giờ chốt nhận hồ sơ" error={err('cutoff')} hint="Nhận sau giờ này tính từ đầu ngày làm việc kế tiếp; để trống nếu không áp dụng">
            {(p) => <input {...p} type="time" value={draft.cutoff} onChange={(e) => set('cutoff', e.target.value)} />}
          </Field>
          <Field label="Lệ phí (đồng)" error={err('fee')}>
            {(p) => <input {...p} type="number" inputMode="numeric" min="0" step="1000" value={draft.fee} onChange={(e) => set('fee', e.target.value)} />}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={draft.hasOnline} onChange={(e) => set('hasOnline', e.target.checked)} />
          <span>Có thời hạn riêng (ngắn hơn) cho hồ sơ nộp trực tuyến</span>
        </label>
        {draft.hasOnline ? (
          <div className="grid">
            <Field label="Thời hạn trực tuyến" required error={err('onlineProcessingTime.value', 'onlineProcessingTime')}>
              {(p) => <input {...p} type="number" inputMode="decimal" min="0" step="any" value={draft.onlineValue} onChange={(e) => set('onlineValue', e.target.value)} />}
            </Field>
            <Field label="Đơn vị thời hạn trực tuyến" error={err('onlineProcessingTime.unit')}>
              {(p) => <UnitSelect {...p} value={draft.onlineUnit} onChange={(u) => set('onlineUnit', u)} />}
            </Field>
          </div>
        ) : null}
        <Field
          label="Khi yêu cầu bổ sung hồ sơ"
          error={err('supplementPolicy')}
          hint="Mặc định: tạm dừng (thời gian chờ bổ sung không tính vào thời hạn, như thống kê của Cổng Dịch vụ công quốc gia); chọn tính lại từ đầu khi luật chuyên ngành tính thời hạn từ ngày nhận đủ hồ sơ"
        >
          {(p) => (
            <select {...p} value={draft.supplementPolicy} onChange={(e) => set('supplementPolicy', e.target.value as Draft['supplementPolicy'])}>
              <LabelOptions labels={SUPPLEMENT_POLICY_LABELS} />
            </select>
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Quy trình nội bộ: các bước xử lý</legend>
        <p className="muted">Tổng thời gian các bước không được vượt thời hạn giải quyết (một ngày làm việc = số giờ hành chính của cơ quan).</p>
        {err('steps') ? <p className="field-error">Các bước xử lý: {err('steps')}</p> : null}
        {draft.steps.map((s, i) => (
          <fieldset key={s.key} className="admin-row">
            <legend>Bước {i + 1}</legend>
            <div className="row">
              <Field label="Mã bước" required error={err(`steps[${i}].id`)}>
                {(p) => <input {...p} className="admin-short" value={s.id} onChange={(e) => setStep(i, { id: e.target.value })} />}
              </Field>
              <Field label="Tên bước" required error={err(`steps[${i}].name`)}>
                {(p) => <input {...p} className="admin-wide" value={s.name} onChange={(e) => setStep(i, { name: e.target.value })} />}
              </Field>
              <Field label="Vai trò thực hiện" error={err(`steps[${i}].role`)}>
                {(p) => (
                  <select {...p} value={s.role} onChange={(e) => setStep(i, { role: e.target.value as Role })}>
                    <LabelOptions labels={ROLE_LABELS} />
                  </select>
                )}
              </Field>
              <Field label="Thời gian" required error={err(`steps[${i}].allotted.value`, `steps[${i}].allotted`)}>
                {(p) => <input {...p} className="admin-short" type="number" inputMode="decimal" min="0" step="any" value={s.value} onChange={(e) => setStep(i, { value: e.target.value })} />}
              </Field>
              <Field label="Đơn vị" error={err(`steps[${i}].allotted.unit`)}>
                {(p) => <UnitSelect {...p} value={s.unit} onChange={(u) => setStep(i, { unit: u })} />}
              </Field>
              <div className="admin-row-actions">
                <button type="button" className="btn" aria-label={`Đưa bước ${i + 1} lên`} disabled={i === 0} onClick={() => moveStep(i, i - 1)}>
                  ↑
                </button>
                <button type="button" className="btn" aria-label={`Đưa bước ${i + 1} xuống`} disabled={i === draft.steps.length - 1} onClick={() => moveStep(i, i + 1)}>
                  ↓
                </button>
                <button type="button" className="btn btn-danger" aria-label={`Xóa bước ${i + 1}`} onClick={() => setSteps(draft.steps.filter((_, j) => j !== i))}>
                  Xóa
                </button>
              </div>
            </div>
          </fieldset>
        ))}
        <button type="button" className="btn" onClick={addStep}>
          + Thêm bước
        </button>
      </fieldset>

      <fieldset>
        <legend>Thành phần hồ sơ</legend>
        {err('requiredDocuments') ? <p className="field-error">Thành phần hồ sơ: {err('requiredDocuments')}</p> : null}
        {draft.docs.length === 0 ? <p className="muted">Chưa có giấy tờ nào.</p> : null}
        {draft.docs.map((d, i) => (
          <fieldset key={d.key} className="admin-row">
            <legend>Giấy tờ {i + 1}</legend>
            <div className="row">
              <Field label="Mã giấy tờ" required error={err(`requiredDocuments[${i}].code`)}>
                {(p) => <input {...p} className="admin-short" value={d.code} onChange={(e) => setDoc(i, { code: e.target.value })} />}
              </Field>
              <Field label="Tên giấy tờ" required error={err(`requiredDocuments[${i}].name`)}>
                {(p) => <input {...p} className="admin-wide" value={d.name} onChange={(e) => setDoc(i, { name: e.target.value })} />}
              </Field>
              <Field label="Số bản" required error={err(`requiredDocuments[${i}].copies`)}>
                {(p) => <input {...p} className="admin-short" type="number" inputMode="numeric" min="1" step="1" value={d.copies} onChange={(e) => setDoc(i, { copies: e.target.value })} />}
              </Field>
              <div className="admin-row-actions">
                <button type="button" className="btn btn-danger" aria-label={`Xóa giấy tờ ${i + 1}`} onClick={() => setDocs(draft.docs.filter((_, j) => j !== i))}>
                  Xóa
                </button>
              </div>
            </div>
          </fieldset>
        ))}
        <button type="button" className="btn" onClick={() => setDocs([...draft.docs, { key: rowKey(), code: '', name: '', copies: '1' }])}>
          + Thêm giấy tờ
        </button>
      </fieldset>

      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={publish.isPending}>
          {publish.isPending ? 'Đang công bố…' : isNew ? 'Tạo thủ tục (phiên bản 1)' : `Công bố phiên bản ${initial.version + 1}`}
        </button>
        {!isNew ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(draftOf(initial));
              setErrors({});
            }}
          >
            Khôi phục theo phiên bản hiện hành
          </button>
        ) : null}
      </div>
    </form>
  );
}
