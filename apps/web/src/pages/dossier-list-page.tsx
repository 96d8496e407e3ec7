/** "Tra cứu hồ sơ": search and filter the dossiers of my agency (a supervisor: and the agencies under it), newest first. */
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuth } from '../auth';
import { ErrorBox, Field, LabelOptions, Loading, LoadMore, Page } from '../components';
import { ArrivedBadge, DossierLink, StatusCell, StepCell } from '../dossier/dossier-cells';
import { useDossierPages, useProcedures } from '../dossier/queries';
import { formatDateTime } from '../format';
import { STATUS_LABELS } from '../labels';
import type { DossierStatus } from '../types';

const FILTERS = ['q', 'status', 'procedureCode', 'overdue', 'dueSoon', 'receivedFrom', 'receivedTo'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const read = (params: URLSearchParams): Filters => Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
const NO_FILTERS = read(new URLSearchParams());
/** A status from the address is one the API knows, or no filter (a mistyped link lists everything instead of failing). */
const isStatus = (s: string): s is DossierStatus => Object.hasOwn(STATUS_LABELS, s);

export default function DossierListPage() {
  const { hasRole } = useAuth();
  // The filters live in the address, so the back button and a shared link return to the same list.
  const [params, setParams] = useSearchParams();
  const applied = read(params);
  const showAgency = hasRole('supervisor');
  const list = useDossierPages({
    ...applied,
    status: isStatus(applied.status) ? applied.status : undefined,
    overdue: applied.overdue === 'true' ? true : undefined,
    dueSoon: applied.dueSoon === 'true' ? true : undefined,
    limit: 30,
  });
  const items = list.items;

  return (
    <Page title="Tra cứu hồ sơ">
      {/* Keyed by the address: back and forward show that address's filters in the form too. */}
      <SearchForm key={params.toString()} applied={applied} onSearch={(f) => setParams(Object.fromEntries(Object.entries(f).filter(([, v]) => v)))} />
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : list.data && items.length === 0 ? (
        <p className="card">Không tìm thấy hồ sơ nào phù hợp.</p>
      ) : items.length ? (
        <div className="table-wrap card dossier-table">
          <table>
            <caption className="dossier-caption">
              Kết quả: {items.length}
              {list.hasNextPage ? '+' : ''} hồ sơ, mới tiếp nhận xếp trước
            </caption>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Người nộp</th>
                <th scope="col">Thủ tục</th>
                {showAgency ? <th scope="col">Đơn vị</th> : null}
                <th scope="col">Tiếp nhận</th>
                <th scope="col">Hẹn trả</th>
                <th scope="col">Bước hiện tại</th>
                <th scope="col">Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <DossierLink dossier={d} />
                  </th>
                  <td>{d.applicant.fullName}</td>
                  <td>{d.procedureName}</td>
                  {showAgency ? <td>{d.agencyCode}</td> : null}
                  <td>{formatDateTime(d.receivedAt)}</td>
                  <td>{formatDateTime(d.extendedDueAt ?? d.dueAt)}</td>
                  <td>
                    <StepCell dossier={d} />
                  </td>
                  <td>
                    <StatusCell dossier={d} />
                    <ArrivedBadge dossier={d} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore query={list} />
    </Page>
  );
}

function SearchForm({ applied, onSearch }: { applied: Filters; onSearch: (filters: Filters) => void }) {
  const procedures = useProcedures();
  const [form, setForm] = useState<Filters>(applied);
  const [formError, setFormError] = useState('');
  const set = (k: keyof Filters, v: string) => setForm((f) => ({ ...f, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.receivedFrom && form.receivedTo && form.receivedTo < form.receivedFrom) {
      setFormError('"Tiếp nhận đến ngày" không được trước "Tiếp nhận từ ngày".');
      return;
    }
    setFormError('');
    onSearch({ ...form, q: form.q.trim() });
  }

  function reset() {
    setForm(NO_FILTERS);
    setFormError('');
    onSearch(NO_FILTERS);
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Điều kiện tìm kiếm" noValidate>
      <div className="row">
        <Field label="Mã hồ sơ hoặc tên người nộp" hint="Mã: gõ phần đầu, ví dụ H12.01-261123">
          {(p) => <input {...p} type="search" value={form.q} maxLength={100} onChange={(e) => set('q', e.target.value)} />}
        </Field>
        <Field label="Trạng thái">
          {(p) => (
            <select {...p} value={form.status} onChange={(e) => set('status', e.target.value)}>
              <option value="">Tất cả</option>
              <LabelOptions labels={STATUS_LABELS} />
            </select>
          )}
        </Field>
        <Field label="Thủ tục">
          {(p) => (
            <select {...p} value={form.procedureCode} onChange={(e) => set('procedureCode', e.target.value)} className="dossier-wide-select">
              <option value="">Tất cả</option>
              {procedures.data?.map((pr) => (
                <option key={pr.code} value={pr.code}>
                  {pr.code} — {pr.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tiếp nhận từ ngày">
          {(p) => <input {...p} type="date" value={form.receivedFrom} onChange={(e) => set('receivedFrom', e.target.value)} />}
        </Field>
        <Field label="Tiếp nhận đến ngày" error={formError || undefined}>
          {(p) => <input {...p} type="date" value={form.receivedTo} onChange={(e) => set('receivedTo', e.target.value)} />}
        </Field>
      </div>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={form.overdue === 'true'} onChange={(e) => set('overdue', e.target.checked ? 'true' : '')} />
          Chỉ hồ sơ quá hạn
        </label>
        <label className="check">
          <input type="checkbox" checked={form.dueSoon === 'true'} onChange={(e) => set('dueSoon', e.target.checked ? 'true' : '')} />
          Chỉ hồ sơ sắp đến hạn
        </label>
        <button type="submit" className="btn btn-primary">
          Tìm kiếm
        </button>
        <button type="button" className="btn" onClick={reset}>
          Xóa điều kiện
        </button>
      </div>
    </form>
  );
}
