/** The agency tree (province → departments and communes; districts only in imported history) with office hours and whose dossiers each desk receives; create and edit. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AgencyOptions } from '../admin/agency-options';
import { agencyTree, useAgencies } from '../admin/agencies';
import { EditForm, SavedNotice, useEditor } from '../admin/edit-form';
import { fieldErrorsOf, SaveError } from '../admin/field-errors';
import { call, client } from '../api';
import { ErrorBox, Field, LabelOptions, Loading, Page } from '../components';
import { invalidateDeadlines, recomputeMessage } from '../dossier/queries';
import { LEVEL_LABELS, NEW_LEVEL_LABELS, RECEIVES_FOR_LABELS } from '../labels';
import type { Agency } from '../types';

type Level = Agency['level'];
type Editing = { agency: Agency } | { parent: Agency | null };

const CHILD_LEVEL: Record<Level, Level> = { ministry: 'province', province: 'commune', department: 'department', district: 'commune', commune: 'commune' };
const DEFAULT_HOURS = [
  { from: '07:30', to: '11:30' },
  { from: '13:30', to: '17:00' },
];
const hoursText = (hours: Agency['officeHours']) => hours.map((h) => `${h.from}–${h.to}`).join(', ');

export default function AgenciesPage() {
  const { editing, done, open, close, saved } = useEditor<Editing>();
  const agencies = useAgencies();
  const tree = agencyTree(agencies.data ?? [], (a) => a.code);
  const nameOf = new Map((agencies.data ?? []).map((a) => [a.code, a.name]));

  return (
    <Page
      title="Cơ quan, đơn vị"
      actions={
        <button type="button" className="btn btn-primary" onClick={() => open({ parent: null })}>
          Thêm cơ quan
        </button>
      }
    >
      <SavedNotice message={done} />
      {editing ? (
        <AgencyForm key={'agency' in editing ? editing.agency.code : `new-${editing.parent?.code ?? ''}`} editing={editing} onCancel={close} onSaved={saved} />
      ) : null}
      <ErrorBox error={agencies.error} />
      {agencies.isPending ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="admin-table">
            <caption className="muted admin-caption">{tree.length} cơ quan, đơn vị; đơn vị trực thuộc thụt vào dưới đơn vị cấp trên</caption>
            <thead>
              <tr>
                <th scope="col">Tên cơ quan, đơn vị</th>
                <th scope="col">Mã</th>
                <th scope="col">Cấp</th>
                <th scope="col">Trực thuộc</th>
                <th scope="col">Giờ làm việc</th>
                <th scope="col">
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tree.map(({ item: a, depth }) => (
                <tr key={a.code}>
                  <th scope="row" style={{ paddingLeft: `${0.6 + depth * 1.5}rem` }}>
                    {depth > 0 ? (
                      <span aria-hidden="true" className="muted">
                        └{' '}
                      </span>
                    ) : null}
                    {a.name}
                  </th>
                  <td>{a.code}</td>
                  <td>{LEVEL_LABELS[a.level]}</td>
                  <td title={a.parentCode ? nameOf.get(a.parentCode) : undefined}>{a.parentCode ?? '—'}</td>
                  <td className="admin-nowrap">{hoursText(a.officeHours)}</td>
                  <td>
                    <div className="admin-row-actions">
                      <button type="button" className="btn" aria-label={`Sửa ${a.code} ${a.name}`} onClick={() => open({ agency: a })}>
                        Sửa
                      </button>
                      {/* A commune too: its divisions (Phòng Kinh tế, Phòng Văn hóa - Xã hội) may resolve dossiers. */}
                      <button type="button" className="btn" aria-label={`Thêm đơn vị trực thuộc ${a.code} ${a.name}`} onClick={() => open({ parent: a })}>
                        + Trực thuộc
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

interface HoursRow {
  key: number;
  from: string;
  to: string;
}
let lastKey = 0;
const rows = (hours: Agency['officeHours']): HoursRow[] => hours.map((h) => ({ key: ++lastKey, ...h }));

function AgencyForm({ editing, onCancel, onSaved }: { editing: Editing; onCancel: () => void; onSaved: (message: string) => void }) {
  const queryClient = useQueryClient();
  const existing = 'agency' in editing ? editing.agency : null;
  const parent = 'parent' in editing ? editing.parent : null;
  const [code, setCode] = useState(parent ? `${parent.code}.` : '');
  const [name, setName] = useState(existing?.name ?? '');
  const [level, setLevel] = useState<Level>(existing?.level ?? (parent ? CHILD_LEVEL[parent.level] : 'province'));
  const [parentCode, setParentCode] = useState(parent?.code ?? '');
  const [receivesFor, setReceivesFor] = useState<Agency['receivesFor']>(existing?.receivesFor ?? 'self');
  const [hours, setHours] = useState<HoursRow[]>(() => rows(existing?.officeHours ?? parent?.officeHours ?? DEFAULT_HOURS));

  const save = useMutation({
    mutationFn: () => {
      const officeHours = hours.map(({ from, to }) => ({ from, to }));
      return existing
        ? call(client.PATCH('/api/v1/agencies/{code}', { params: { path: { code: existing.code } }, body: { name, officeHours, receivesFor } }))
        : call(client.POST('/api/v1/agencies', { body: { code: code.trim(), name, level, parentCode: parentCode || null, officeHours, receivesFor } }));
    },
    onSuccess: (a) => {
      void queryClient.invalidateQueries({ queryKey: ['agencies'] });
      const recompute = 'recompute' in a ? (a.recompute as Parameters<typeof recomputeMessage>[0]) : null;
      if (recompute?.recomputedDossiers) invalidateDeadlines(queryClient);
      const moved = recomputeMessage(recompute);
      onSaved(existing ? `Đã cập nhật ${a.code} · ${a.name}.${moved}` : `Đã thêm ${a.code} · ${a.name}.`);
    },
  });
  const errors = fieldErrorsOf(save.error, 'code');
  const setRow = (i: number, patch: Partial<HoursRow>) => setHours((hs) => hs.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const title = existing ? `Sửa ${existing.code} · ${existing.name}` : parent ? `Thêm đơn vị trực thuộc ${parent.code} · ${parent.name}` : 'Thêm cơ quan';

  return (
    <EditForm title={title} onSubmit={() => save.mutate()}>
      <SaveError error={save.error} fields={errors} />
      <div className="grid">
        {existing ? null : (
          <Field label="Mã cơ quan" required error={errors.code} hint="Mã định danh, ví dụ H12.01.07">
            {(p) => <input {...p} autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} />}
          </Field>
        )}
        <Field label="Tên cơ quan" required error={errors.name}>
          {(p) => <input {...p} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Bộ phận một cửa tiếp nhận" error={errors.receivesFor}>
          {(p) => (
            <select {...p} value={receivesFor} onChange={(e) => setReceivesFor(e.target.value as Agency['receivesFor'])}>
              <LabelOptions labels={RECEIVES_FOR_LABELS} />
            </select>
          )}
        </Field>
        {existing ? null : (
          <>
            <Field label="Cấp" error={errors.level}>
              {(p) => (
                <select {...p} value={level} onChange={(e) => setLevel(e.target.value as Level)}>
                  <LabelOptions labels={NEW_LEVEL_LABELS} />
                </select>
              )}
            </Field>
            <Field label="Trực thuộc" error={errors.parentCode}>
              {(p) => (
                <select {...p} value={parentCode} onChange={(e) => setParentCode(e.target.value)}>
                  <option value="">— Không (cấp cao nhất) —</option>
                  <AgencyOptions />
                </select>
              )}
            </Field>
          </>
        )}
      </div>
      <fieldset>
        <legend>Giờ làm việc trong ngày</legend>
        <p className="muted">Các khoảng theo thứ tự trong ngày, không chồng nhau (ví dụ sáng 07:30–11:30, chiều 13:30–17:00). Hạn giải quyết tính theo các khoảng này.</p>
        {errors.officeHours ? <p className="field-error">{errors.officeHours}</p> : null}
        {hours.map((h, i) => (
          <fieldset key={h.key} className="admin-row">
            <legend>Khoảng {i + 1}</legend>
            <div className="row">
              <Field label="Từ" error={errors[`officeHours[${i}].from`]}>
                {(p) => <input {...p} type="time" value={h.from} onChange={(e) => setRow(i, { from: e.target.value })} />}
              </Field>
              <Field label="Đến" error={errors[`officeHours[${i}].to`]}>
                {(p) => <input {...p} type="time" value={h.to} onChange={(e) => setRow(i, { to: e.target.value })} />}
              </Field>
              <div className="admin-row-actions">
                <button type="button" className="btn btn-danger" aria-label={`Xóa khoảng ${i + 1}`} onClick={() => setHours((hs) => hs.filter((_, j) => j !== i))}>
                  Xóa
                </button>
              </div>
            </div>
          </fieldset>
        ))}
        <button type="button" className="btn" onClick={() => setHours((hs) => [...hs, ...rows([{ from: '', to: '' }])])}>
          + Thêm khoảng giờ
        </button>
      </fieldset>
      {existing ? (
        <p className="alert alert-warn">Đổi giờ làm việc sẽ tính lại hạn giải quyết (ngày hẹn trả, hạn từng bước) của mọi hồ sơ đang giải quyết tại cơ quan này.</p>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Đang lưu…' : existing ? 'Lưu thay đổi' : 'Lưu cơ quan mới'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </EditForm>
  );
}
