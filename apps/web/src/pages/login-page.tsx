import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api';
import { homePath, useAuth } from '../auth';
import { ErrorBox, Field } from '../components';

export function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={homePath(user)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const u = await login(username.trim(), password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/' ? from : homePath(u), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? new Error('Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa.') : err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <h1 id="login-title">Đăng nhập hệ thống Một cửa</h1>
        <p className="muted">Dành cho cán bộ tiếp nhận, xử lý, lãnh đạo và quản trị.</p>
        <ErrorBox error={error} />
        <Field label="Tên đăng nhập" required>
          {(p) => <input {...p} name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label="Mật khẩu" required>
          {(p) => <input {...p} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={busy || !username || !password}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
        <p>
          <Link to="/tra-cuu">Tra cứu tình trạng hồ sơ (dành cho người dân, doanh nghiệp)</Link>
        </p>
      </form>
    </main>
  );
}
