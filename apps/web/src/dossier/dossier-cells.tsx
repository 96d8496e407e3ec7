/** Table cells the processing lists share: the dossier link, the step with its deadline, the status with its badges. */
import { Link } from 'react-router';
import { useAuth } from '../auth';
import { DeadlineBadges, StatusBadge } from '../components';
import './dossier.css';
import { formatDateTime } from '../format';
import { arrivedFromLabel, ROLE_LABELS } from '../labels';
import { agencyName, arrivedFrom } from './lien-thong';
import { stepTimeLeft, type WorkDossier } from './model';

export function DossierLink({ dossier }: { dossier: Pick<WorkDossier, 'id' | 'code'> }) {
  return (
    <Link to={`/ho-so/${dossier.id}`} className="dossier-code">
      {dossier.code}
    </Link>
  );
}

/** "Từ <agency>": the dossier arrived from another agency (liên thông) and is with the viewer's agency now. */
export function ArrivedBadge({ dossier }: { dossier: WorkDossier }) {
  const { user } = useAuth();
  const from = arrivedFrom(dossier, user?.agencyCode);
  return from ? <span className="badge badge-arrived">{arrivedFromLabel(agencyName(dossier, from))}</span> : null;
}

/** Step name and role, and the agency holding it when not the viewer's; the desk work (results, supplements) has none. */
export function StepCell({ dossier }: { dossier: WorkDossier }) {
  const { user } = useAuth();
  const step = dossier.currentStep;
  if (!step) return <span className="muted">—</span>;
  return (
    <>
      {step.name}
      <br />
      <small className="muted">{ROLE_LABELS[step.role]}</small>
      {step.agencyCode !== user?.agencyCode ? (
        <>
          <br />
          <small className="muted">tại {agencyName(dossier, step.agencyCode)}</small>
        </>
      ) : null}
      {step.assigneeId && step.assigneeId === user?.id ? (
        <>
          <br />
          <small className="dossier-mine">Được giao cho bạn</small>
        </>
      ) : null}
    </>
  );
}

/** The step's deadline and the working time left (or overdue by), from the server's clock. */
export function StepDueCell({ dossier }: { dossier: WorkDossier }) {
  const step = dossier.currentStep;
  if (!step?.dueAt || dossier.status === 'result_ready') return <span className="muted">—</span>;
  const left = stepTimeLeft(step);
  return (
    <>
      {formatDateTime(step.dueAt)}
      {left ? (
        <>
          <br />
          <small className={step.overdue ? 'dossier-late' : 'muted'}>{left}</small>
        </>
      ) : dossier.status !== 'processing' ? (
        <>
          <br />
          <small className="muted">Đang dừng tính thời gian</small>
        </>
      ) : null}
    </>
  );
}

export function StatusCell({ dossier }: { dossier: WorkDossier }) {
  return (
    <>
      <StatusBadge status={dossier.status} />
      <DeadlineBadges dossier={dossier} />
      {dossier.currentStep?.overdue ? <span className="badge badge-overdue">Quá hạn bước</span> : null}
    </>
  );
}
