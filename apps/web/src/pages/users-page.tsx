/** User accounts: list, create and edit (roles, agency, active, password reset). Passwords are only ever typed, never shown. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AgencyOptions } from '../admin/agency-options';
import { useAgencies } from '../admin/agencies';
import { EditForm, SavedNotice, useEditor } from '../admin/edit-form';
import { fieldErrorsOf, SaveError } from '../admin/field-errors';
import { call, client } from '../api';
import { ErrorBox, Field, Loading, Page } from '../components';
import { ROLE_LABELS } from '../labels';
import type { Role, User } from '../types';

const ROLES = Object.keys(ROLE_LABELS) as Role[];

export default function UsersPage() {
  const { editing, done, open, close, saved } = useEditor<User | 'new'>();
  const users = useQuery({ queryKey: ['users'], queryFn: () => call(client.GET('/api/v1/users')) });
  const agencies = useAgencies();
  const agencyName = new Map((agencies.data ?? []).map((a) => [a.code, a.name]));

  return (
    <Page
      title="Người dùng"
      actions={
        <button type="button" className="btn btn-primary" onClick={() => open('new')}>
          Thêm người dùng
        </button>
      }
    >
      <SavedNotice message={done} />
      {editing ? <UserForm key={editing === 'new' ? 'new' : editing.id} user={editing === 'new' ? null : editing} onCancel={close} onSaved={saved} /> : null}
      <ErrorBox error={users.error} />
      {users.isPending ? (
        <Loading />
      ) : users.data ? (
        <div className="table-wrap">
          <table className="admin-table">
            <caption className="muted admin-caption">{users.data.items.length} tài khoản</caption>
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Họ và tên</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Đơn vị</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.username}</th>
                  <td>{u.fullName}</td>
                  <td>{u.roles.map((r) => ROLE_LABELS[r]).join(', ')}</td>
                  <td>{u.agencyCode ? `${u.agencyCode}${agencyName.has(u.agencyCode) ? ` · ${agencyName.get(u.agencyCode)}` : ''}` : 'Toàn hệ thống'}</td>
                  <td>{u.active === false ? <span className="badge badge-overdue">Đã khóa</span> : <span className="badge badge-ok">Đang hoạt động</span>}</td>
                  <td>
                    <button type="button" className="btn" aria-label={`Sửa tài khoản ${u.username}`} onClick={() => open(u)}>
                      Sửa
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}

function UserForm({ user, onCancel, onSaved }: { user: User | null; onCancel: () => void; onSaved: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState(user?.username ?? '');
  const [fullName, setFullName] = useState(user?.fullName ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(user?.roles ?? []);
  const [agencyCode, setAgencyCode] = useState(user ? (user.agencyCode ?? '') : '');
  const [active, setActive] = useState(user?.active ?? true);
  const [twoFactorReset, setTwoFactorReset] = useState(false);

  const save = useMutation({
    mutationFn: () => {
      const body = { username: username.trim(), fullName, roles, agencyCode: agencyCode || null, active };
      return user
        ? call(client.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { ...body, ...(password ? { password } : {}), ...(twoFactorReset ? { twoFactorReset } : {}) } }))
        : call(client.POST('/api/v1/users', { body: { ...body, password } }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onSaved(user ? `Đã cập nhật tài khoản ${saved.username}${password ? ' (đã đặt lại mật khẩu)' : ''}.` : `Đã tạo tài khoản ${saved.username}.`);
    },
  });
  const errors = fieldErrorsOf(save.error, 'username');

  return (
    <EditForm title={user ? `Sửa tài khoản ${user.username}` : 'Thêm người dùng'} onSubmit={() => save.mutate()}>
      <SaveError error={save.error} fields={errors} />
      <div className="grid">
        <Field label="Tên đăng nhập" required error={errors.username} hint="Chữ thường không dấu, chữ số, dấu chấm, ví dụ nguyen.van.a">
          {(p) => <input {...p} autoComplete="off" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label="Họ và tên" required error={errors.fullName}>
          {(p) => <input {...p} autoComplete="off" value={fullName} onChange={(e) => setFullName(e.target.value)} />}
        </Field>
        <Field
          label={user ? 'Đặt lại mật khẩu' : 'Mật khẩu'}
          required={!user}
          error={errors.password}
          hint={
            user
              ? 'Để trống nếu không đổi. Ít nhất 12 ký tự, khó đoán, không chứa tên đăng nhập.'
              : 'Ít nhất 12 ký tự, khó đoán (nên dùng cụm nhiều từ), không chứa tên đăng nhập. Báo cho người dùng qua kênh an toàn.'
          }
        >
          {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <Field label="Đơn vị" error={errors.agencyCode}>
          {(p) => (
            <select {...p} value={agencyCode} onChange={(e) => setAgencyCode(e.target.value)}>
              <option value="">— Không thuộc đơn vị (toàn hệ thống) —</option>
              <AgencyOptions />
            </select>
          )}
        </Field>
      </div>
      <fieldset aria-describedby={errors.roles ? 'user-roles-error' : undefined}>
        <legend>
          Vai trò<span className="required" aria-hidden="true"> *</span>
        </legend>
        {ROLES.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              checked={roles.includes(r)}
              onChange={(e) => setRoles((rs) => (e.target.checked ? [...rs, r] : rs.filter((x) => x !== r)))}
            />
            <span>{ROLE_LABELS[r]}</span>
          </label>
        ))}
        {errors.roles ? (
          <p id="user-roles-error" className="field-error">
            {errors.roles}
          </p>
        ) : null}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        <span>Đang hoạt động (bỏ chọn để khóa tài khoản: không đăng nhập được nữa)</span>
      </label>
      {user?.twoFactorEnabled ? (
        <label className="check">
          <input type="checkbox" checked={twoFactorReset} onChange={(e) => setTwoFactorReset(e.target.checked)} />
          <span>Gỡ xác thực hai bước (người dùng mất điện thoại: đăng nhập lại chỉ bằng mật khẩu rồi thiết lập lại)</span>
        </label>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Đang lưu…' : user ? 'Lưu thay đổi' : 'Tạo tài khoản'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </EditForm>
  );
}
