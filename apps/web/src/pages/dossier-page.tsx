/** One dossier: its header, the forms to print, the actions the signed-in officer may take now, its files, and the process control sheet. */
import { Link, useParams } from 'react-router';
import { useAuth } from '../auth';
import { ErrorBox, Loading, Page } from '../components';
import { ActionPanel } from '../dossier/action-panel';
import { ControlSheet } from '../dossier/control-sheet-view';
import { DossierSummary } from '../dossier/dossier-summary';
import { useDossier, useDossierEvents, useOfficers, useProcedureVersion } from '../dossier/queries';
import { DossierFilesSection } from '../files/dossier-files-section';
import { FORMS, formPath, formsOf } from '../forms/forms';

/** "Mẫu in": the forms this dossier has (from its events, which the control sheet reads too), each opening as the server's PDF. */
function FormList({ dossierId }: { dossierId: string }) {
  const events = useDossierEvents(dossierId);
  return (
    <section className="card" aria-labelledby="form-list-title">
      <h2 id="form-list-title" className="dossier-section-title">
        Mẫu in
      </h2>
      <ul className="form-list">
        {formsOf(events.data ?? []).map((form) => (
          <li key={form}>
            <Link to={formPath(dossierId, form)}>
              Mẫu {FORMS[form].number}: {FORMS[form].title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

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
      <FormList dossierId={d.id} />
      <ActionPanel dossier={d} procedure={procedure.data} reloading={dossier.isFetching} />
      <DossierFilesSection dossier={d} procedure={procedure.data} officers={officers.data} />
      <ControlSheet dossier={d} procedure={procedure.data} officers={officers.data} />
    </Page>
  );
}
