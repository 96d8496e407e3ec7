/** One procedure for the administrator: its definition, diagram, version history, and the form to publish the next version. */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ProcedureDiagram } from '../admin/procedure-diagram';
import { ProcedureForm, SUPPLEMENT_POLICY_LABELS } from '../admin/procedure-form';
import { call, client } from '../api';
import { ErrorBox, Loading, Page } from '../components';
import { procedureKey, procedureVersionQuery } from '../dossier/queries';
import { formatDateTime, formatDuration, formatMoney } from '../format';
import { LEVEL_LABELS, ROLE_LABELS } from '../labels';
import type { Procedure } from '../types';

export default function ProcedurePage() {
  const code = useParams().code!;
  const queryClient = useQueryClient();
  const [published, setPublished] = useState<number | null>(null);
  const q = useQuery({ queryKey: procedureKey(code), queryFn: () => call(client.GET('/api/v1/procedures/{code}', { params: { path: { code } } })) });
  const p = q.data;

  if (q.isPending) return <Loading />;
  if (!p) {
    return (
      <Page title={`Thủ tục ${code}`}>
        <ErrorBox error={q.error} />
        <Link to="/quan-tri/thu-tuc">Về danh sách thủ tục</Link>
      </Page>
    );
  }
  return (
    <Page title={`${p.code} · ${p.name}`} actions={<Link to="/quan-tri/thu-tuc">← Danh sách thủ tục</Link>}>
      {published ? (
        <div className="alert alert-ok" role="status">
          Đã công bố phiên bản {published}. Hồ sơ tiếp nhận từ nay theo phiên bản mới; hồ sơ đã nhận giữ phiên bản cũ.
        </div>
      ) : null}
      <div className="card">
        <h2>
          Phiên bản hiện hành: <span data-testid="current-version">{p.version}</span>
        </h2>
        <dl className="admin-facts">
          <dt>Lĩnh vực</dt>
          <dd>{p.field}</dd>
          <dt>Cấp thực hiện</dt>
          <dd>{LEVEL_LABELS[p.level]}</dd>
          <dt>Thời hạn giải quyết</dt>
          <dd data-testid="processing-time">{formatDuration(p.processingTime)}</dd>
          <dt>Thời hạn khi nộp trực tuyến</dt>
          <dd>{p.onlineProcessingTime ? formatDuration(p.onlineProcessingTime) : 'Như nộp trực tiếp'}</dd>
          <dt>Giờ chốt nhận hồ sơ</dt>
          <dd>{p.cutoff ?? 'Không áp dụng'}</dd>
          <dt>Khi yêu cầu bổ sung</dt>
          <dd>{SUPPLEMENT_POLICY_LABELS[p.supplementPolicy]}</dd>
          <dt>Lệ phí</dt>
          <dd>{p.fee ? formatMoney(p.fee) : 'Không thu'}</dd>
          <dt>Ngày công bố</dt>
          <dd>{formatDateTime(p.createdAt)}</dd>
        </dl>

        <h3>Các bước xử lý</h3>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Bước</th>
                <th scope="col">Mã</th>
                <th scope="col">Tên bước</th>
                <th scope="col">Vai trò thực hiện</th>
                <th scope="col">Thời gian</th>
              </tr>
            </thead>
            <tbody>
              {p.steps.map((s, i) => (
                <tr key={s.id}>
                  <td>{i + 1}</td>
                  <td>
                    <code>{s.id}</code>
                  </td>
                  <td>{s.name}</td>
                  <td>{ROLE_LABELS[s.role]}</td>
                  <td>{formatDuration(s.allotted)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <h3>Thành phần hồ sơ</h3>
        {p.requiredDocuments.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Mã</th>
                  <th scope="col">Tên giấy tờ</th>
                  <th scope="col" className="num">
                    Số bản
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.requiredDocuments.map((d) => (
                  <tr key={d.code}>
                    <td>{d.code}</td>
                    <td>{d.name}</td>
                    <td className="num">{d.copies}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Không yêu cầu giấy tờ.</p>
        )}
      </div>

      <section className="card" aria-labelledby="diagram-title">
        <h2 id="diagram-title">Sơ đồ quy trình nội bộ</h2>
        <ProcedureDiagram code={p.code} version={p.version} name={p.name} />
      </section>

      <VersionHistory current={p} />

      <section className="card" aria-labelledby="publish-title">
        <h2 id="publish-title">Công bố phiên bản mới</h2>
        <p className="muted">Sửa từ phiên bản {p.version}. Mỗi lần công bố tạo một phiên bản mới; các phiên bản cũ không bị sửa.</p>
        <ProcedureForm
          key={p.version}
          initial={p}
          onPublished={(next) => {
            setPublished(next.version);
            // The answer is the new version itself: nothing to read again but the list.
            queryClient.setQueryData(procedureKey(code), next);
            void queryClient.invalidateQueries({ queryKey: ['procedures'] });
            window.scrollTo({ top: 0 });
          }}
        />
      </section>
    </Page>
  );
}

function VersionHistory({ current }: { current: Procedure }) {
  const latest = current.version;
  const versions = useQueries({
    // The current version is the one the page shows: only the older ones are read.
    queries: Array.from({ length: latest }, (_, i) => latest - i).map((v) => ({
      ...procedureVersionQuery(current.code, v),
      initialData: v === latest ? current : undefined,
    })),
  });
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title">Lịch sử phiên bản</h2>
      <div className="table-wrap">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Phiên bản</th>
              <th scope="col">Ngày công bố</th>
              <th scope="col">Thời hạn giải quyết</th>
              <th scope="col">Các bước</th>
              <th scope="col" className="num">
                Lệ phí
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((r, i) => {
              const v = latest - i;
              const p = r.data;
              return (
                <tr key={v}>
                  <th scope="row">
                    {v}
                    {v === latest ? <span className="badge badge-ok">Hiện hành</span> : null}
                  </th>
                  {p ? (
                    <>
                      <td>{formatDateTime(p.createdAt)}</td>
                      <td>{formatDuration(p.processingTime)}</td>
                      <td>
                        {p.steps.length} bước: {p.steps.map((s) => `${s.name} (${formatDuration(s.allotted)})`).join(' → ')}
                      </td>
                      <td className="num">{p.fee ? formatMoney(p.fee) : '—'}</td>
                    </>
                  ) : (
                    <td colSpan={4}>{r.error ? <ErrorBox error={r.error} /> : <Loading />}</td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
