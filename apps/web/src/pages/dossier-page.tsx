/** One dossier: its header, the actions the signed-in officer may take now, its files, and the process control sheet. */
import { Link, useParams } from 'react-router';
import { useAuth } from '../auth';
import { ErrorBox, Loading, Page } from '../components';
import { ActionPanel } from '../dossier/action-panel';
import { ControlSheet } from '../dossier/control-sheet-view';
import { DossierSummary } from '../dossier/dossier-summary';
import { useDossier, useOfficers, useProcedureVersion } from '../dossier/queries';
import { DossierFilesSection } from '../files/dossier-files-section';

export default function DossierPage() {
  const { id = '' } = useParams();
  const { hasRole } = useAuth();
  const dossier = useDossier(id);
  const d = dossier.data;
  const procedure = useProcedureVersion(d?.procedureCode, d?.procedureVersion);
  // Names instead of account ids; without them the page shows the ids.
  const officers = useOfficers();

  if (dossier.isLoading) return <Loading />;
  if (!d) {
    return (
      <Page title="Hồ sơ">
        <ErrorBox error={dossier.error} />
        <Link to="/ho-so">Về trang tra cứu hồ sơ</Link>
      </Page>
    );
  }
  return (
    <Page
      title={`Hồ sơ ${d.code}`}
      actions={
        <>
          <Link className="btn" to={`/ho-so/${d.id}/giay-tiep-nhan`}>
            In giấy tiếp nhận
          </Link>
          {d.supplementCount > 0 ? (
            <Link className="btn" to={`/ho-so/${d.id}/phieu-bo-sung`}>
              Phiếu yêu cầu bổ sung
            </Link>
          ) : null}
          {hasRole('reception', 'specialist', 'leader', 'clerk') ? (
            <Link className="btn" to="/cong-viec">
              Công việc của tôi
            </Link>
          ) : (
            <Link className="btn" to="/ho-so">
              Tra cứu hồ sơ
            </Link>
          )}
        </>
      }
    >
      {dossier.error ? <ErrorBox error={dossier.error} /> : null}
      <DossierSummary dossier={d} procedure={procedure.data} officers={officers.data} />
      <ActionPanel dossier={d} procedure={procedure.data} reloading={dossier.isFetching} />
      <DossierFilesSection dossier={d} procedure={procedure.data} officers={officers.data} />
      <ControlSheet dossier={d} procedure={procedure.data} officers={officers.data} />
    </Page>
  );
}
