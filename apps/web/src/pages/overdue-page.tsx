/** /giam-sat/qua-han: the open overdue dossiers of the supervisor's agencies, by agency and procedure, page by page. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAgencies } from '../admin/agencies';
import { call, client } from '../api';
import { ErrorBox, Field, Loading, Page, StatusBadge } from '../components';
import { DossierLink } from '../dossier/dossier-cells';
import { useProcedures } from '../dossier/queries';
import { formatDateTime } from '../format';
import { ROLE_LABELS } from '../labels';
import { AgencySelect } from '../supervisor/agency-select';
import { formatCount, formatLate } from '../supervisor/supervisor-format';

const PAGE_SIZE = 20;
const REFRESH_MS = 30_000;

export default function OverduePage() {
  const [params, setParams] = useSearchParams();
  const agencyCode = params.get('agencyCode') ?? '';
  const procedureCode = params.get('procedureCode') ?? '';
  // The cursors of the pages seen so far; a new filter starts again from page one.
  const filterKey = `${agencyCode}|${procedureCode}`;
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  const cursor = cursors[cursors.length - 1];

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const agencies = useAgencies();
  const procedures = useProcedures();
  // The server's now and the count: lateness is measured against the server's clock, not this PC's.
  const live = useQuery({
    queryKey: ['reports', 'live', agencyCode],
    queryFn: () => call(client.GET('/api/v1/reports/live', { params: { query: { agencyCode } } })),
    refetchInterval: REFRESH_MS,
  });
  const list = useQuery({
    queryKey: ['dossiers', 'list', { overdue: true, sort: 'dueAt', agencyCode, procedureCode, cursor }],
    queryFn: () =>
      call(
        client.GET('/api/v1/dossiers', {
          params: { query: { overdue: true, sort: 'dueAt', agencyCode, procedureCode, limit: PAGE_SIZE, cursor: cursor ?? undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const agencyName = (code: string) => agencies.data?.find((a) => a.code === code)?.name ?? code;
  const asOf = live.data?.asOf;

  return (
    <Page title="Hồ sơ quá hạn">
      <form className="card row filters" aria-label="Lọc hồ sơ quá hạn" onSubmit={(e) => e.preventDefault()}>
        <AgencySelect value={agencyCode} onChange={(v) => setFilter('agencyCode', v)} hint="Chỉ hồ sơ của chính đơn vị được chọn" />
        <Field label="Thủ tục hành chính">
          {(p) => (
            <select {...p} value={procedureCode} onChange={(e) => setFilter('procedureCode', e.target.value)}>
              <option value="">Tất cả thủ tục</option>
              {(procedures.data ?? []).map((pr) => (
                <option key={pr.code} value={pr.code}>
                  {pr.code} — {pr.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>

      <p aria-live="polite">
        {live.data && !procedureCode ? (
          <>
            Tổng số hồ sơ quá hạn: <strong data-testid="overdue-total">{formatCount(live.data.overdue)}</strong>.{' '}
          </>
        ) : null}
        {asOf ? <span className="muted">Thời gian quá hạn tính từ hạn trả kết quả đến {formatDateTime(asOf)}.</span> : null}
      </p>

      <ErrorBox error={list.error ?? live.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 && cursors.length === 1 ? (
        <p className="alert alert-ok">Không có hồ sơ quá hạn{agencyCode || procedureCode ? ' theo điều kiện lọc' : ''}.</p>
      ) : list.data ? (
        <div className="table-wrap">
          <table className="sv-table" aria-describedby="overdue-caption">
            <caption id="overdue-caption" className="sr-only">
              Hồ sơ quá hạn, trang {cursors.length}, hồ sơ quá hạn lâu nhất trước
            </caption>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Thủ tục</th>
                <th scope="col">Người nộp</th>
                <th scope="col">Đơn vị</th>
                <th scope="col">Hạn trả kết quả</th>
                <th scope="col">Quá hạn</th>
                <th scope="col">Đang ở bước (người xử lý)</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <tr key={d.id}>
                  <td className="sv-nowrap">
                    <DossierLink dossier={d} />
                  </td>
                  <td>{d.procedureName}</td>
                  <td>{d.applicant.fullName}</td>
                  <td>{agencyName(d.agencyCode)}</td>
                  <td>
                    {formatDateTime(d.dueAt)}
                    {d.extendedDueAt ? <div className="muted">Hẹn lại: {formatDateTime(d.extendedDueAt)}</div> : null}
                  </td>
                  <td>
                    <span className="badge badge-overdue">{asOf ? formatLate(d.dueAt, asOf) : 'Quá hạn'}</span>
                  </td>
                  <td>{d.currentStep ? `${d.currentStep.name} (${ROLE_LABELS[d.currentStep.role]})` : '—'}</td>
                  <td>
                    <StatusBadge status={d.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {list.data && (cursors.length > 1 || list.data.nextCursor) ? (
        <nav className="pager" aria-label="Phân trang">
          <button
            type="button"
            className="btn"
            disabled={cursors.length === 1 || list.isFetching}
            onClick={() => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) })}
          >
            ‹ Trang trước
          </button>
          <span>Trang {cursors.length}</span>
          <button
            type="button"
            className="btn"
            disabled={!list.data.nextCursor || list.isFetching}
            onClick={() => setPaging({ key: filterKey, cursors: [...cursors, list.data.nextCursor] })}
          >
            Trang sau ›
          </button>
        </nav>
      ) : null}
    </Page>
  );
}
