/** "Công việc của tôi": the dossiers waiting for my role(s) in my agency, the step due soonest (or most overdue) first. */
import { useId, useState } from 'react';
import { useAuth } from '../auth';
import { ErrorBox, Loading, LoadMore, Page } from '../components';
import { ArrivedBadge, DossierLink, StatusCell, StepCell, StepDueCell } from '../dossier/dossier-cells';
import { arrivedFrom } from '../dossier/lien-thong';
import { WORK_ROLES } from '../dossier/model';
import { useDossierPages } from '../dossier/queries';
import { formatDateTime } from '../format';
import { APPLICANT_TYPE_LABELS, LIEN_THONG_ARRIVED, ROLE_LABELS } from '../labels';

export default function MyWorkPage() {
  const { user } = useAuth();
  const myRoles = user?.roles.includes('admin') ? WORK_ROLES : WORK_ROLES.filter((r) => user?.roles.includes(r));
  const [mine, setMine] = useState(false);
  const mineId = useId();
  const work = useDossierPages({ stepRole: myRoles, sort: 'stepDueAt', assignee: mine ? 'me' : undefined, limit: 50 }, myRoles.length > 0);
  const items = work.items;
  const late = items.filter((d) => d.currentStep?.overdue || d.overdue).length;
  const arrived = items.filter((d) => arrivedFrom(d, user?.agencyCode)).length;

  return (
    <Page title="Công việc của tôi">
      <p className="muted">
        Hồ sơ của đơn vị {user?.agencyCode ?? ''} đang chờ bạn xử lý với vai trò: {myRoles.map((r) => ROLE_LABELS[r]).join(', ')}. Hạn của bước
        sớm nhất (hoặc quá hạn lâu nhất) xếp trước.
      </p>
      <div className="row dossier-toolbar">
        <label className="check" htmlFor={mineId}>
          <input id={mineId} type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
          Chỉ hồ sơ được phân công cho tôi
        </label>
        {work.data ? (
          <p className="muted" role="status" aria-live="polite">
            {items.length}
            {work.hasNextPage ? '+' : ''} hồ sơ{late ? `, trong đó ${late} quá hạn` : ''}
            {arrived ? `; ${arrived} ${LIEN_THONG_ARRIVED.toLocaleLowerCase('vi')} từ cơ quan khác` : ''}
          </p>
        ) : null}
      </div>
      {myRoles.length === 0 ? <p className="alert alert-warn">Tài khoản của bạn không có vai trò xử lý hồ sơ.</p> : null}
      <ErrorBox error={work.error} />
      {work.isLoading ? (
        <Loading />
      ) : work.data && items.length === 0 ? (
        <p className="card">{mine ? 'Không có hồ sơ nào đang được phân công cho bạn.' : 'Không có hồ sơ nào đang chờ bạn xử lý.'}</p>
      ) : items.length ? (
        <div className="table-wrap card dossier-table">
          <table>
            <caption className="dossier-caption">Hồ sơ chờ xử lý, sắp theo hạn của bước</caption>
            <thead>
              <tr>
                <th scope="col">Hạn xử lý bước</th>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Người nộp</th>
                <th scope="col">Thủ tục</th>
                <th scope="col">Bước hiện tại</th>
                <th scope="col">Tình trạng</th>
                <th scope="col">Hẹn trả</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <StepDueCell dossier={d} />
                  </td>
                  <th scope="row">
                    <DossierLink dossier={d} />
                  </th>
                  <td>
                    {d.applicant.fullName}
                    <br />
                    <small className="muted">{APPLICANT_TYPE_LABELS[d.applicant.type]}</small>
                  </td>
                  <td>{d.procedureName}</td>
                  <td>
                    <StepCell dossier={d} />
                  </td>
                  <td>
                    <StatusCell dossier={d} />
                    <ArrivedBadge dossier={d} />
                  </td>
                  <td>
                    {formatDateTime(d.dueAt)}
                    {d.extendedDueAt ? (
                      <>
                        <br />
                        <small className="muted">Hẹn lại: {formatDateTime(d.extendedDueAt)}</small>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore query={work} />
    </Page>
  );
}
