/** The desk's other half: hand results back (DELIVER) and take in supplements (SUPPLEMENT_RECEIVED), each after a confirmation. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { call, client } from '../api';
import { DeadlineBadges, ErrorBox, Field, Page } from '../components';
import { dossierChanged } from '../dossier/queries';
import { formatAppointment, formatDateTime } from '../format';
import { OUTCOME_LABELS, RESULT_LABELS } from '../labels';
import { ConfirmDialog, DeskQueue, useDeskQueue } from '../reception/desk-queue';
import type { Dossier } from '../types';

type DeskAction = 'DELIVER' | 'SUPPLEMENT_RECEIVED';

const ACTIONS: Record<DeskAction, { title: string; confirm: string; noteLabel: string; done: string }> = {
  DELIVER: {
    title: 'Xác nhận trả kết quả',
    confirm: 'Xác nhận đã trả kết quả',
    noteLabel: 'Ghi chú (người nhận, giấy tờ đã đối chiếu…)',
    done: 'Đã trả kết quả hồ sơ',
  },
  SUPPLEMENT_RECEIVED: {
    title: 'Xác nhận nhận hồ sơ bổ sung',
    confirm: 'Xác nhận đã nhận bổ sung',
    noteLabel: 'Ghi chú (giấy tờ đã nhận bổ sung)',
    done: 'Đã nhận bổ sung hồ sơ',
  },
};

export default function HandBackPage() {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [pending, setPending] = useState<{ type: DeskAction; dossier: Dossier } | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<{ type: DeskAction; dossier: Dossier } | null>(null);
  const ready = useDeskQueue('result_ready', q);
  const waiting = useDeskQueue('awaiting_supplement', q);

  const act = useMutation({
    mutationFn: ({ type, dossier }: { type: DeskAction; dossier: Dossier }) =>
      // expectedVersion: if someone else acted on this dossier meanwhile, the API answers 409 instead of acting twice.
      call(
        client.POST('/api/v1/dossiers/{id}/events', {
          params: { path: { id: dossier.id } },
          body: { type, expectedVersion: dossier.version, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: (dossier, { type }) => {
      setDone({ type, dossier });
      setPending(null);
      setNote('');
      void dossierChanged(queryClient, dossier);
    },
    // A 409 means the list was stale: refresh it behind the dialog.
    onError: () => void queryClient.invalidateQueries({ queryKey: ['dossiers'] }),
  });

  function open(type: DeskAction, dossier: Dossier) {
    act.reset();
    setNote('');
    setPending({ type, dossier });
  }

  function find(e: FormEvent) {
    e.preventDefault();
    setQ(search.trim());
  }

  const action = pending ? ACTIONS[pending.type] : null;
  return (
    <Page title="Trả kết quả">
      <form className="row" onSubmit={find} role="search" aria-label="Tìm hồ sơ tại bộ phận trả kết quả">
        <Field label="Tìm theo mã hồ sơ hoặc tên người nộp">
          {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
        <button type="submit" className="btn btn-primary desk-search-button">
          Tìm
        </button>
      </form>

      {done ? (
        <div className="alert alert-ok" role="status">
          {ACTIONS[done.type].done} <strong>{done.dossier.code}</strong> ({done.dossier.applicant.fullName}).
          {done.type === 'SUPPLEMENT_RECEIVED' ? (
            <>
              {' '}
              Hẹn trả kết quả mới: {formatAppointment(done.dossier.dueAt)}. <Link to={`/ho-so/${done.dossier.id}/giay-tiep-nhan`}>In lại giấy tiếp nhận</Link>
            </>
          ) : null}
        </div>
      ) : null}

      <DeskQueue
        title="Hồ sơ đã có kết quả, chờ trả"
        empty="Không có hồ sơ nào chờ trả kết quả."
        query={ready}
        columns={[
          { header: 'Kết quả', cell: (d) => (d.resultType ? RESULT_LABELS[d.resultType] : '—') },
          {
            header: 'Hẹn trả',
            cell: (d) => (
              <>
                {formatDateTime(d.extendedDueAt ?? d.dueAt)}
                <br />
                {d.outcome ? <span className={`badge badge-${d.outcome === 'overdue' ? 'overdue' : 'ok'}`}>{OUTCOME_LABELS[d.outcome]}</span> : null}
              </>
            ),
          },
          {
            header: 'Thao tác',
            cell: (d) => (
              <button type="button" className="btn btn-primary" aria-label={`Trả kết quả hồ sơ ${d.code}`} onClick={() => open('DELIVER', d)}>
                Trả kết quả
              </button>
            ),
          },
        ]}
      />

      <DeskQueue
        title="Hồ sơ chờ bổ sung"
        empty="Không có hồ sơ nào đang chờ người nộp bổ sung."
        query={waiting}
        columns={[
          {
            header: 'Hẹn trả',
            cell: (d) => (
              <>
                {formatDateTime(d.extendedDueAt ?? d.dueAt)}
                <br />
                <DeadlineBadges dossier={d} />
              </>
            ),
          },
          {
            header: 'Thao tác',
            cell: (d) => (
              <div className="row">
                <button type="button" className="btn btn-primary" aria-label={`Nhận bổ sung hồ sơ ${d.code}`} onClick={() => open('SUPPLEMENT_RECEIVED', d)}>
                  Nhận bổ sung
                </button>
                <Link className="btn" to={`/ho-so/${d.id}/phieu-bo-sung`} aria-label={`In phiếu yêu cầu bổ sung hồ sơ ${d.code}`}>
                  In phiếu yêu cầu bổ sung
                </Link>
              </div>
            ),
          },
        ]}
      />

      <ConfirmDialog
        open={!!pending}
        title={action?.title ?? ''}
        confirmLabel={action?.confirm ?? ''}
        busy={act.isPending}
        onConfirm={() => pending && act.mutate(pending)}
        onCancel={() => setPending(null)}
      >
        {pending && action ? (
          <>
            <p>
              Hồ sơ <strong>{pending.dossier.code}</strong> – {pending.dossier.procedureName}
              <br />
              Người nộp: <strong>{pending.dossier.applicant.fullName}</strong> ({pending.dossier.applicant.idNumber})
              {pending.type === 'DELIVER' && pending.dossier.resultType ? (
                <>
                  <br />
                  Kết quả: {RESULT_LABELS[pending.dossier.resultType]}
                </>
              ) : null}
            </p>
            <Field label={action.noteLabel}>
              {(p) => <textarea {...p} rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
            <ErrorBox error={act.error} />
          </>
        ) : null}
      </ConfirmDialog>
    </Page>
  );
}
