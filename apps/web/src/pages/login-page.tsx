import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api';
import { homePath, TWO_FACTOR_PATH, useAuth } from '../auth';
import { ErrorBox, Field } from '../components';

export function LoginPage() {
  const { user, login, twoFactorSetupRequired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  /** Shown once the API says the account has a second factor (401 totp_required). */
  const [askTotp, setAskTotp] = useState(false);
  const [totpCode, setTotpCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={twoFactorSetupRequired ? TWO_FACTOR_PATH : homePath(user)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const u = await login(username.trim(), password, askTotp ? totpCode.replace(/\s/g, '') : undefined);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/' ? from : homePath(u), { replace: true });
    } catch (err) {
      const code = err instanceof ApiError && err.status === 401 ? err.body.error : null;
      if (code === 'totp_required') {
        setAskTotp(true);
        setError(null);
      } else if (code === 'invalid_totp') {
        setTotpCode('');
        setError(new Error('Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã mới đang hiện trong ứng dụng xác thực.'));
      } else {
        setError(code ? new Error('Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa.') : err);
      }
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
        {askTotp ? (
          <Field label="Mã xác thực (6 số)" required hint="Tài khoản có xác thực hai bước: mở ứng dụng xác thực trên điện thoại và nhập mã đang hiện.">
            {(p) => (
              <input
                {...p}
                name="totpCode"
                inputMode="numeric"
                autoComplete="one-time-code"
                autoFocus
                maxLength={7}
                value={totpCode}
                onChange={(e) => setTotpCode(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy || !username || !password || (askTotp && totpCode.replace(/\s/g, '').length !== 6)}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
        <p>
          <Link to="/tra-cuu">Tra cứu tình trạng hồ sơ (dành cho người dân, doanh nghiệp)</Link>
        </p>
      </form>
    </main>
  );
}
