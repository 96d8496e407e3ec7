/** Signing in again over the current page when the session has ended, so the officer's unsaved work stays where it is. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';
import { useAuth } from './auth';
import { ErrorBox, Field } from './components';

export function SessionExpiredDialog({ username, onDone }: { username: string; onDone: (signedIn: boolean) => void }) {
  const { login } = useAuth();
  const ref = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [totpCode, setTotpCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first field, the read-only username: the password is what the officer types.
    dialog?.querySelector<HTMLInputElement>('input[name="password"]')?.focus();
    return () => dialog?.close();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password, askTotp ? totpCode.replace(/\s/g, '') : undefined);
      onDone(true);
    } catch (err) {
      const code = err instanceof ApiError && err.status === 401 ? err.body.error : null;
      if (code === 'totp_required') setAskTotp(true);
      else if (code === 'invalid_totp') setError(new Error('Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã mới đang hiện trong ứng dụng xác thực.'));
      else setError(code ? new Error('Sai mật khẩu, hoặc tài khoản đã bị khóa.') : err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="session-expired-title"
      // Escape does not close it: the officer either signs in again or signs out.
      onCancel={(e) => e.preventDefault()}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="session-expired-title">Phiên làm việc đã hết hạn</h2>
        <p>
          Phiên làm việc kết thúc sau một thời gian không thao tác, hoặc khi tài khoản đăng xuất hay đổi mật khẩu ở nơi khác. Nhập lại mật khẩu để
          tiếp tục: nội dung đang nhập trên trang vẫn được giữ nguyên.
        </p>
        <ErrorBox error={error} />
        <Field label="Tên đăng nhập">{(p) => <input {...p} name="username" autoComplete="username" value={username} readOnly />}</Field>
        <Field label="Mật khẩu" required>
          {(p) => <input {...p} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        {askTotp ? (
          <Field label="Mã xác thực (6 số)" required hint="Mở ứng dụng xác thực trên điện thoại và nhập mã đang hiện.">
            {(p) => (
              <input {...p} name="totpCode" inputMode="numeric" autoComplete="one-time-code" autoFocus maxLength={7} value={totpCode} onChange={(e) => setTotpCode(e.target.value)} />
            )}
          </Field>
        ) : null}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy || !password || (askTotp && totpCode.replace(/\s/g, '').length !== 6)}>
            {busy ? 'Đang đăng nhập…' : 'Đăng nhập lại'}
          </button>
          <button type="button" className="btn" onClick={() => onDone(false)} disabled={busy}>
            Đăng xuất
          </button>
        </div>
      </form>
    </dialog>
  );
}
