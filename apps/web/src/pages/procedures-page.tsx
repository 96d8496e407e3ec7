/** The administrative procedures (latest version of each), and a form to add a new one. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ProcedureForm } from '../admin/procedure-form';
import { ErrorBox, Loading, Page } from '../components';
import { procedureKey, useProcedures } from '../dossier/queries';
import { formatDuration } from '../format';
import { LEVEL_LABELS } from '../labels';

export default function ProceduresPage() {
  const [adding, setAdding] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const q = useProcedures();

  return (
    <Page
      title="Thủ tục hành chính"
      actions={
        <button type="button" className="btn btn-primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
          {adding ? 'Đóng biểu mẫu thêm mới' : 'Thêm thủ tục mới'}
        </button>
      }
    >
      {adding ? (
        <section className="card" aria-labelledby="new-procedure-title">
          <h2 id="new-procedure-title">Thêm thủ tục mới</h2>
          <ProcedureForm
            initial={null}
            onPublished={(p) => {
              queryClient.setQueryData(procedureKey(p.code), p);
              void queryClient.invalidateQueries({ queryKey: ['procedures'] });
              navigate(`/quan-tri/thu-tuc/${encodeURIComponent(p.code)}`);
            }}
          />
        </section>
      ) : null}
      <ErrorBox error={q.error} />
      {q.isPending ? (
        <Loading />
      ) : q.data ? (
        <div className="table-wrap">
          <table className="admin-table">
            <caption className="muted admin-caption">{q.data.length} thủ tục, mỗi thủ tục hiện phiên bản đang áp dụng</caption>
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên thủ tục</th>
                <th scope="col">Lĩnh vực</th>
                <th scope="col">Cấp</th>
                <th scope="col" className="num">
                  Phiên bản
                </th>
                <th scope="col">Thời hạn giải quyết</th>
                <th scope="col" className="num">
                  Số bước
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((p) => (
                <tr key={p.code}>
                  <td>{p.code}</td>
                  <th scope="row">
                    <Link to={`/quan-tri/thu-tuc/${encodeURIComponent(p.code)}`}>{p.name}</Link>
                  </th>
                  <td>{p.field}</td>
                  <td>{LEVEL_LABELS[p.level]}</td>
                  <td className="num">{p.version}</td>
                  <td>
                    {formatDuration(p.processingTime)}
                    {p.onlineProcessingTime ? <div className="muted">Trực tuyến: {formatDuration(p.onlineProcessingTime)}</div> : null}
                    {p.cutoff ? <div className="muted">Chốt nhận lúc {p.cutoff}</div> : null}
                  </td>
                  <td className="num">{p.steps.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
