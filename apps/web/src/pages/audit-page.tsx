/** "Nhật ký quản trị": who changed accounts, agencies, procedures and the calendar, when, what and from where; newest first. */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { auditChanges } from '../admin/audit-changes';
import { call, client } from '../api';
import type { operations } from '../api-schema';
import { ErrorBox, Field, LabelOptions, Loading, LoadMore, Page } from '../components';
import { formatDateTime } from '../format';
import { AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS } from '../labels';
import type { AuditAction, AuditEntry } from '../types';

const FILTERS = ['action', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
type AuditQuery = NonNullable<operations['audit_list']['parameters']['query']>;

const read = (params: URLSearchParams): Filters => Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
/** An action from the address is one the API knows, or no filter (a mistyped link lists everything instead of failing). */
const isAction = (s: string): s is AuditAction => Object.hasOwn(AUDIT_ACTION_LABELS, s);

function useAuditPages(filters: Omit<AuditQuery, 'cursor'>) {
  const query = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => call(client.GET('/api/v1/audit', { params: { query: { ...filters, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}

export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const applied = read(params);
  const list = useAuditPages({ action: isAction(applied.action) ? applied.action : undefined, from: applied.from || undefined, to: applied.to || undefined, limit: 30 });
  // Accounts are named by their username rather than their id.
  const users = useQuery({ queryKey: ['users'], queryFn: () => call(client.GET('/api/v1/users')) });
  const username = new Map((users.data?.items ?? []).map((u) => [u.id, u.username]));

  return (
    <Page title="Nhật ký quản trị">
      <FilterForm key={params.toString()} applied={applied} onApply={(f) => setParams(Object.fromEntries(Object.entries(f).filter(([, v]) => v)))} />
      <ErrorBox error={list.error} />
      {list.isLoading ? (
        <Loading />
      ) : list.data && list.items.length === 0 ? (
        <p className="card">Không có thao tác nào phù hợp.</p>
      ) : list.items.length ? (
        <div className="table-wrap card">
          <table className="admin-table audit-table">
            <caption className="muted admin-caption">
              {list.items.length}
              {list.hasNextPage ? '+' : ''} thao tác, mới nhất xếp trước
            </caption>
            <thead>
              <tr>
                <th scope="col">Thời gian</th>
                <th scope="col">Người thực hiện</th>
                <th scope="col">Thao tác</th>
                <th scope="col">Đối tượng</th>
                <th scope="col">Thay đổi</th>
                <th scope="col">Địa chỉ</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{actorText(e)}</td>
                  <th scope="row">{AUDIT_ACTION_LABELS[e.action] ?? e.action}</th>
                  <td>{targetText(e, username)}</td>
                  <td>
                    <Changes entry={e} />
                  </td>
                  <td>
                    {e.ip ?? '—'}
                    {e.userAgent ? (
                      <small className="muted audit-agent" title={e.userAgent}>
                        {e.userAgent}
                      </small>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore query={list} />
    </Page>
  );
}

function actorText(e: AuditEntry): string {
  if (e.actor.id === 'system') return 'Hệ thống';
  if (!e.actor.username) return '—';
  // A failed sign-in names the username tried, which may be no account at all.
  return e.actor.id ? e.actor.username : `${e.actor.username} (chưa xác thực)`;
}

function targetText(e: AuditEntry, username: Map<string, string>): string {
  const label = AUDIT_TARGET_LABELS[e.targetType] ?? e.targetType;
  if (!e.targetId) return label;
  const name = e.targetType === 'user' ? (username.get(e.targetId) ?? (e.after?.username as string | undefined)) : undefined;
  return `${label} ${name ?? e.targetId}`;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const changes = auditChanges(entry.before, entry.after);
  if (!changes.length) return <span className="muted">—</span>;
  return (
    <ul className="audit-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="audit-field">{c.label}:</span>{' '}
          {c.before !== null && entry.before !== null ? (
            <>
              <del>{c.before}</del> → <ins>{c.after ?? '—'}</ins>
            </>
          ) : (
            <ins>{c.after ?? '—'}</ins>
          )}
        </li>
      ))}
    </ul>
  );
}

function FilterForm({ applied, onApply }: { applied: Filters; onApply: (filters: Filters) => void }) {
  const [form, setForm] = useState<Filters>(applied);
  const [formError, setFormError] = useState('');
  const set = (k: keyof Filters, v: string) => setForm((f) => ({ ...f, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.from && form.to && form.to < form.from) {
      setFormError('"Đến ngày" không được trước "Từ ngày".');
      return;
    }
    setFormError('');
    onApply(form);
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Lọc nhật ký" noValidate>
      <div className="row">
        <Field label="Thao tác">
          {(p) => (
            <select {...p} value={form.action} onChange={(e) => set('action', e.target.value)}>
              <option value="">Tất cả</option>
              <LabelOptions labels={AUDIT_ACTION_LABELS} />
            </select>
          )}
        </Field>
        <Field label="Từ ngày">{(p) => <input {...p} type="date" value={form.from} onChange={(e) => set('from', e.target.value)} />}</Field>
        <Field label="Đến ngày" error={formError || undefined}>
          {(p) => <input {...p} type="date" value={form.to} onChange={(e) => set('to', e.target.value)} />}
        </Field>
        <button type="submit" className="btn btn-primary">
          Lọc
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setFormError('');
            onApply({ action: '', from: '', to: '' });
          }}
        >
          Xóa điều kiện
        </button>
      </div>
    </form>
  );
}
