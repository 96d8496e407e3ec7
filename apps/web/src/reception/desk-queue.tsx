/** The desk's queues (results to hand back, dossiers waiting for a supplement) and the confirmation before acting on one. */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { ErrorBox, Loading, LoadMore } from '../components';
import { ArrivedBadge, DossierLink } from '../dossier/dossier-cells';
import { useDossierPages } from '../dossier/queries';
import type { Dossier, DossierStatus } from '../types';

export interface QueueColumn {
  header: string;
  cell: (d: Dossier) => ReactNode;
}

/** The desk work of the desk that received the dossier (liên thông: whichever agency resolves it), as the work queue's reception filter gives it. */
export function useDeskQueue(status: DossierStatus, q: string) {
  return useDossierPages({ status, q, stepRole: ['reception'], limit: 50 });
}

/** One queue as a table; the first columns (code, applicant, procedure) are the same everywhere. */
export function DeskQueue({ title, empty, query, columns }: { title: string; empty: string; query: ReturnType<typeof useDeskQueue>; columns: QueueColumn[] }) {
  const items = query.items;
  const headingId = useId();
  return (
    <section className="card desk-queue" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} {query.data ? <span className="muted">({items.length}{query.hasNextPage ? '+' : ''})</span> : null}
      </h2>
      <ErrorBox error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Người nộp</th>
                <th scope="col">Thủ tục</th>
                {columns.map((c) => (
                  <th scope="col" key={c.header}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <DossierLink dossier={d} />
                  </th>
                  <td>
                    {d.applicant.fullName}
                    <br />
                    <small className="muted">{d.applicant.idNumber}</small>
                  </td>
                  <td>
                    {d.procedureName}
                    <ArrivedBadge dossier={d} />
                  </td>
                  {columns.map((c) => (
                    <td key={c.header}>{c.cell(d)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={query} />
    </section>
  );
}

/** A modal confirmation (native <dialog>: focus is kept inside, Esc cancels). */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <h2 id="confirm-title">{title}</h2>
        {children}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Đang lưu…' : confirmLabel}
          </button>
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Hủy
          </button>
        </div>
      </form>
    </dialog>
  );
}
