/** The dossier's header: who applied for what, when it is due, where it is now and, once finished, how it ended. */
import type { ReactNode } from 'react';
import { formatAppointment, formatDateTime } from '../format';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, DOSSIER_AGENCY_LABELS, handoverLabel, OUTCOME_LABELS, RESULT_LABELS, ROLE_LABELS } from '../labels';
import type { Procedure } from '../types';
import { StatusCell } from './dossier-cells';
import { agencyName } from './lien-thong';
import { type Officer, stepTimeLeft, SUSPEND_REASON_LABELS, type WorkDossier } from './model';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function officerName(officers: Officer[] | undefined, id: string | null): string {
  if (!id) return 'Chưa phân công';
  const o = officers?.find((x) => x.id === id);
  return o ? `${o.fullName} (${o.username})` : id;
}

export function DossierSummary({ dossier: d, procedure, officers }: { dossier: WorkDossier; procedure?: Procedure; officers?: Officer[] }) {
  const step = d.currentStep;
  const left = stepTimeLeft(step);
  return (
    <section className="card" aria-labelledby="dossier-summary-title">
      <h2 id="dossier-summary-title" className="dossier-section-title">
        Thông tin hồ sơ
      </h2>
      <dl className="dossier-facts">
        <Fact label="Mã hồ sơ">{d.code}</Fact>
        <Fact label="Tình trạng">
          <StatusCell dossier={d} />
        </Fact>
        <Fact label="Thủ tục hành chính">
          {d.procedureName}
          <small className="muted">
            {' '}
            ({d.procedureCode}, phiên bản {d.procedureVersion}
            {procedure ? `, lĩnh vực ${procedure.field}` : ''})
          </small>
        </Fact>
        <Fact label="Người nộp">
          {d.applicant.fullName} <small className="muted">({APPLICANT_TYPE_LABELS[d.applicant.type]})</small>
        </Fact>
        <Fact label="Số giấy tờ tùy thân / mã số">{d.applicant.idNumber}</Fact>
        {d.applicant.phone ? <Fact label="Điện thoại">{d.applicant.phone}</Fact> : null}
        {d.applicant.address ? <Fact label="Địa chỉ">{d.applicant.address}</Fact> : null}
        <Fact label="Hình thức nộp">{CHANNEL_LABELS[d.channel]}</Fact>
        <Fact label={DOSSIER_AGENCY_LABELS.resolving}>{agencyName(d, d.agencyCode)}</Fact>
        {d.receivingAgencyCode !== d.agencyCode ? <Fact label={DOSSIER_AGENCY_LABELS.receiving}>{agencyName(d, d.receivingAgencyCode)}</Fact> : null}
        <Fact label="Tiếp nhận lúc">{formatDateTime(d.receivedAt)}</Fact>
        <Fact label="Hẹn trả kết quả">{formatAppointment(d.dueAt)}</Fact>
        {d.extendedDueAt ? <Fact label="Hẹn lại (đã gia hạn)">{formatAppointment(d.extendedDueAt)}</Fact> : null}
        {step ? (
          <>
            <Fact label="Bước hiện tại">
              {step.name} <small className="muted">({ROLE_LABELS[step.role]})</small>
            </Fact>
            <Fact label={DOSSIER_AGENCY_LABELS.holding}>{agencyName(d, step.agencyCode)}</Fact>
            <Fact label="Hạn xử lý bước">
              {formatDateTime(step.dueAt)}
              {left ? <small className={step.overdue ? 'dossier-late' : 'muted'}> — {left}</small> : null}
            </Fact>
            <Fact label="Cán bộ được phân công">{officerName(officers, step.assigneeId)}</Fact>
          </>
        ) : null}
        {d.lastHandover ? (
          <Fact label="Lần chuyển liên thông gần nhất">
            {handoverLabel(agencyName(d, d.lastHandover.fromAgency), agencyName(d, d.lastHandover.toAgency))}
            <small className="muted"> — {formatDateTime(d.lastHandover.at)}</small>
          </Fact>
        ) : null}
        {d.suspendReason ? <Fact label="Lý do tạm dừng">{SUSPEND_REASON_LABELS[d.suspendReason] ?? d.suspendReason}</Fact> : null}
        {d.supplementCount ? <Fact label="Số lần yêu cầu bổ sung">{d.supplementCount}</Fact> : null}
        {d.finishedAt ? (
          <>
            <Fact label="Có kết quả lúc">{formatDateTime(d.finishedAt)}</Fact>
            <Fact label="Kết quả giải quyết">
              {d.resultType ? RESULT_LABELS[d.resultType] : '—'}
              {d.outcome ? (
                <>
                  {' '}
                  <span className={`badge ${d.outcome === 'overdue' ? 'badge-overdue' : 'badge-ok'}`}>{OUTCOME_LABELS[d.outcome]}</span>
                </>
              ) : null}
            </Fact>
          </>
        ) : null}
        {d.returnedAt ? <Fact label="Đã trả kết quả lúc">{formatDateTime(d.returnedAt)}</Fact> : null}
        {d.withdrawnAt ? <Fact label="Rút hồ sơ lúc">{formatDateTime(d.withdrawnAt)}</Fact> : null}
      </dl>
    </section>
  );
}
