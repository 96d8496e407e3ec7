/** Small pieces every screen uses: page frame, errors, badges, form fields. */
import { type ReactNode, useId } from 'react';
import { ApiError } from './api';
import { STATUS_LABELS } from './labels';
import type { Dossier, DossierStatus } from './types';

export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** An API or network error in words an officer can act on. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.';
    if (e.status === 403) return 'Tài khoản không có quyền thực hiện thao tác này.';
    if (e.status === 404) return 'Không tìm thấy (hoặc không thuộc phạm vi đơn vị của bạn).';
    if (e.body.error === 'idempotency_key_reused') {
      return 'Lần nhập này đã được tiếp nhận thành một hồ sơ trước đó (có thể do mất kết nối). Kiểm tra danh sách hồ sơ vừa tiếp nhận; muốn nhận hồ sơ mới, hãy mở lại biểu mẫu.';
    }
    if (e.status === 409) return `Thao tác không hợp lệ ở trạng thái hiện tại: ${e.message}`;
    if (e.status === 429) return 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút.';
    return e.message;
  }
  if (e instanceof TypeError) return 'Không kết nối được máy chủ. Kiểm tra mạng và thử lại.';
  return e instanceof Error ? e.message : String(e);
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {errorMessage(error)}
    </div>
  );
}

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      {label}
    </p>
  );
}

export function StatusBadge({ status }: { status: DossierStatus }) {
  return <span className={`badge badge-status-${status}`}>{STATUS_LABELS[status]}</span>;
}

/** Due-soon and overdue as words and colour (never colour alone). */
export function DeadlineBadges({ dossier }: { dossier: Pick<Dossier, 'overdue' | 'dueSoon'> }) {
  return (
    <>
      {dossier.overdue ? <span className="badge badge-overdue">Quá hạn</span> : null}
      {dossier.dueSoon ? <span className="badge badge-due-soon">Sắp đến hạn</span> : null}
    </>
  );
}

/** A labelled form control with its error, wired for screen readers. */
export function Field({
  label,
  error,
  hint,
  required,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string; required?: boolean }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy, required })}
      {hint ? (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      ) : null}
    </div>
  );
}

/** A select's <option>s from a code → Vietnamese label map (labels.ts), in the map's order. */
export function LabelOptions({ labels }: { labels: Readonly<Record<string, string>> }) {
  return Object.entries(labels).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

/** "Xem thêm" under a list read page by page with useInfiniteQuery. */
export function LoadMore({ query }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> } }) {
  if (!query.hasNextPage) return null;
  return (
    <button type="button" className="btn" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
      {query.isFetchingNextPage ? 'Đang tải…' : 'Xem thêm'}
    </button>
  );
}
