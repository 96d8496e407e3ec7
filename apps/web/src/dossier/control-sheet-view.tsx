/** The process control sheet as tables: one row per step worked (allotted, due, done, time taken, on time?), then every event. */
import { type ReactNode, useMemo } from 'react';
import { useAgencies } from '../admin/agencies';
import { ErrorBox, Loading } from '../components';
import { formatDateTime, formatDuration } from '../format';
import { CHANNEL_LABELS, handoverLabel, OUTCOME_LABELS, RESULT_LABELS, ROLE_LABELS, STATUS_LABELS } from '../labels';
import type { Channel, DossierEvent, Procedure } from '../types';
import { stepRows, type StepRow } from './control-sheet';
import { agencyName } from './lien-thong';
import { eventLabel, formatWorkingMinutes, type Officer, SUSPEND_REASON_LABELS, type WorkDossier } from './model';
import { useCalendarDays, useDossierEvents } from './queries';
import { localDate, workingMinutesBetween } from './working-time';

const MAX_CALENDAR_DAYS = 700;

function Verdict({ row, dossier }: { row: StepRow; dossier: WorkDossier }) {
  if (row.onTime === true) return <span className="badge badge-ok">Đúng hạn</span>;
  if (row.onTime === false) return <span className="badge badge-overdue">Trễ hạn</span>;
  if (row.endedBy === 'WITHDRAW') return <span className="muted">Rút hồ sơ</span>;
  if (row.endedBy === 'REQUEST_SUPPLEMENT') return <span className="muted">Dừng để bổ sung hồ sơ</span>;
  if (row.finishedAt) return <span className="muted">—</span>;
  if (dossier.status !== 'processing') return <span className="muted">{STATUS_LABELS[dossier.status]}</span>;
  return dossier.currentStep?.overdue ? <span className="badge badge-overdue">Đang xử lý, quá hạn</span> : <span>Đang xử lý</span>;
}

function details(e: DossierEvent, stepName: (id: string | null) => string, who: (id: string) => string, agency: (code: string) => string): ReactNode {
  const data = e.data ?? {};
  const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : null);
  const parts: ReactNode[] = [];
  if (e.type === 'RECEIVE') parts.push(`Hình thức: ${CHANNEL_LABELS[str('channel') as Channel] ?? '—'}; hẹn trả ${formatDateTime(str('dueAt'))}`);
  if (e.type === 'ASSIGN' && str('assigneeId')) parts.push(`Phân công cho: ${who(str('assigneeId')!)}`);
  if (e.type === 'REQUEST_SUPPLEMENT' && Array.isArray(data.missingItems)) {
    parts.push(
      <>
        Cần bổ sung:
        <ul className="dossier-list">
          {(data.missingItems as string[]).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </>,
    );
  }
  if (e.type === 'SUSPEND' && str('reason')) parts.push(`Lý do: ${SUSPEND_REASON_LABELS[str('reason')!] ?? str('reason')}`);
  if (e.type === 'EXTEND' && str('extendedDueAt')) parts.push(`Hẹn lại: ${formatDateTime(str('extendedDueAt'))}`);
  if (e.type === 'COMPLETE' && str('resultType')) {
    const outcome = str('outcome') as keyof typeof OUTCOME_LABELS | null;
    parts.push(`${RESULT_LABELS[str('resultType') as keyof typeof RESULT_LABELS] ?? ''}${outcome ? ` — ${OUTCOME_LABELS[outcome]}` : ''}`);
  }
  if (str('previousDueAt') && str('dueAt')) parts.push(`Hạn trả: ${formatDateTime(str('previousDueAt'))} → ${formatDateTime(str('dueAt'))}`);
  if (['DUE_SOON', 'OVERDUE', 'STEP_OVERDUE'].includes(e.type) && str('deadline')) parts.push(`Hạn: ${formatDateTime(str('deadline'))}`);
  if (e.fromStep !== e.toStep && e.type !== 'RECEIVE') parts.push(`${stepName(e.fromStep)} → ${stepName(e.toStep)}`);
  if (e.fromAgency && e.toAgency) parts.push(<strong className="dossier-handover">{handoverLabel(agency(e.fromAgency), agency(e.toAgency))}</strong>);
  if (e.note && e.note !== str('reason')) parts.push(`Ghi chú: ${e.note}`);
  else if (e.type === 'EXTEND' && e.note) parts.push(`Lý do: ${e.note}`);
  return parts.length ? parts.map((p, i) => <div key={i}>{p}</div>) : <span className="muted">—</span>;
}

export function ControlSheet({ dossier, procedure, officers }: { dossier: WorkDossier; procedure?: Procedure; officers?: Officer[] }) {
  const events = useDossierEvents(dossier.id);
  const items = useMemo(() => events.data ?? [], [events.data]);
  const rows = useMemo(() => stepRows(items, dossier.receivingAgencyCode), [items, dossier.receivingAgencyCode]);
  const agency = (code: string) => agencyName(dossier, code);
  const agencies = useAgencies();
  const officeHours = agencies.data?.find((a) => a.code === dossier.agencyCode)?.officeHours;
  const from = localDate(dossier.receivedAt);
  const to = items.length ? localDate(items[items.length - 1].at) : from;
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  const days = useCalendarDays(from, span <= MAX_CALENDAR_DAYS ? to : null, dossier.agencyCode);
  const taken = useMemo(() => {
    if (!days.data || !officeHours) return null;
    const working = new Map(days.data.items.map((d) => [d.date, d.working]));
    return (row: StepRow) => (row.finishedAt ? workingMinutesBetween(row.startedAt, row.finishedAt, officeHours, (date) => working.get(date) ?? false) : null);
  }, [days.data, officeHours]);

  const step = (id: string | null) => procedure?.steps.find((s) => s.id === id);
  const stepName = (id: string | null) => (id ? (step(id)?.name ?? id) : 'kết thúc');
  const byUsername = (username: string | null) => {
    if (!username) return '—';
    if (username === 'system') return 'Hệ thống';
    const o = officers?.find((x) => x.username === username);
    return o ? `${o.fullName} (${username})` : username;
  };
  const byId = (id: string) => {
    const o = officers?.find((x) => x.id === id);
    return o ? `${o.fullName} (${o.username})` : id;
  };

  if (events.isLoading) return <Loading label="Đang tải phiếu kiểm soát…" />;
  if (events.error) return <ErrorBox error={events.error} />;

  return (
    <section className="card" aria-labelledby="control-sheet-title">
      <h2 id="control-sheet-title" className="dossier-section-title">
        Phiếu kiểm soát quá trình giải quyết hồ sơ
      </h2>
      <div className="table-wrap">
        <table className="dossier-sheet">
          <caption className="dossier-caption">Các bước đã và đang xử lý (thời gian tính theo giờ làm việc của cơ quan)</caption>
          <thead>
            <tr>
              <th scope="col">TT</th>
              <th scope="col">Bước xử lý</th>
              <th scope="col">Vai trò</th>
              <th scope="col">Cơ quan xử lý</th>
              <th scope="col">Cán bộ xử lý</th>
              <th scope="col">Nhận hồ sơ lúc</th>
              <th scope="col">Thời gian quy định</th>
              <th scope="col">Hạn xử lý</th>
              <th scope="col">Hoàn thành lúc</th>
              <th scope="col">Thời gian thực hiện</th>
              <th scope="col">Đánh giá</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const def = step(row.stepId);
              const minutes = taken?.(row) ?? null;
              return (
                <tr key={`${row.stepId}-${row.startedAt}`}>
                  <td className="num">{i + 1}</td>
                  <th scope="row">{def?.name ?? row.stepId}</th>
                  <td>{def ? ROLE_LABELS[def.role] : '—'}</td>
                  <td>{row.agencyCode ? agency(row.agencyCode) : '—'}</td>
                  <td>{row.finishedAt ? byUsername(row.finishedBy) : row.assigneeId ? byId(row.assigneeId) : '—'}</td>
                  <td>{formatDateTime(row.startedAt)}</td>
                  <td>{formatDuration(def?.allotted)}</td>
                  <td>{formatDateTime(row.dueAt)}</td>
                  <td>{row.finishedAt ? formatDateTime(row.finishedAt) : <span className="muted">Chưa xong</span>}</td>
                  <td>{minutes === null ? '—' : formatWorkingMinutes(minutes)}</td>
                  <td>
                    <Verdict row={row} dossier={dossier} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3>Diễn biến xử lý</h3>
      <div className="table-wrap">
        <table className="dossier-sheet">
          <caption className="dossier-caption">Mọi sự kiện của hồ sơ theo thứ tự thời gian, kể cả cảnh báo của hệ thống</caption>
          <thead>
            <tr>
              <th scope="col">TT</th>
              <th scope="col">Thời điểm</th>
              <th scope="col">Sự kiện</th>
              <th scope="col">Người thực hiện</th>
              <th scope="col">Trạng thái sau</th>
              <th scope="col">Nội dung</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.seq}>
                <td className="num">{e.seq}</td>
                <td>{formatDateTime(e.at)}</td>
                <th scope="row">{eventLabel(e.type)}</th>
                <td>{byUsername(e.actor.username)}</td>
                <td>{STATUS_LABELS[e.toStatus] ?? e.toStatus}</td>
                <td>{details(e, stepName, byId, agency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
