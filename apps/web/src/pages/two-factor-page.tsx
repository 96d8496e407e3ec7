/** The officer's own second factor (TOTP): set up with an authenticator app (QR code or secret typed in), confirm, turn off. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { fieldErrorsOf, SaveError } from '../admin/field-errors';
import { call, client } from '../api';
import { homePath, useAuth } from '../auth';
import { ErrorBox, Field, Loading, Page } from '../components';

/** The six digits as typed, spaces dropped ("123 456" is how apps show them). */
const digits = (code: string) => code.replace(/\s/g, '');

function CodeForm({ label, busy, error, onSubmit }: { label: string; busy: boolean; error?: string; onSubmit: (code: string) => void }) {
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(digits(code));
  };
  return (
    <form onSubmit={submit} noValidate className="row">
      <Field label="Mã xác thực (6 số)" required error={error}>
        {(p) => <input {...p} inputMode="numeric" autoComplete="one-time-code" maxLength={7} value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={busy || digits(code).length !== 6}>
        {label}
      </button>
    </form>
  );
}

export default function TwoFactorPage() {
  const { user, twoFactorSetupRequired, twoFactorSetUp } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['two-factor'], queryFn: () => call(client.GET('/api/v1/auth/2fa')) });
  const [currentPassword, setCurrentPassword] = useState('');
  const setup = useMutation({
    mutationFn: () => call(client.POST('/api/v1/auth/2fa/setup', { body: { currentPassword } })),
    onSuccess: () => setCurrentPassword(''),
  });
  const qr = useQuery({
    queryKey: ['qr', setup.data?.otpauthUrl],
    queryFn: () => QRCode.toDataURL(setup.data!.otpauthUrl, { margin: 1, width: 220, errorCorrectionLevel: 'M' }),
    enabled: !!setup.data,
    staleTime: Infinity,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['two-factor'] });
  const enable = useMutation({
    mutationFn: (code: string) => call(client.POST('/api/v1/auth/2fa/enable', { body: { code } })),
    onSuccess: async () => {
      setup.reset();
      await refresh();
      if (twoFactorSetupRequired) {
        twoFactorSetUp();
        if (user) navigate(homePath(user), { replace: true });
      }
    },
  });
  const disable = useMutation({
    mutationFn: (code: string) => call(client.POST('/api/v1/auth/2fa/disable', { body: { code } })),
    onSuccess: () => refresh(),
  });

  const s = status.data;
  return (
    <Page title="Xác thực hai bước">
      {twoFactorSetupRequired ? (
        <div className="alert alert-warn" role="alert">
          Vai trò của tài khoản này bắt buộc xác thực hai bước. Hãy thiết lập để tiếp tục sử dụng hệ thống.
        </div>
      ) : null}
      <ErrorBox error={status.error} />
      {!s ? (
        <Loading />
      ) : s.enabled ? (
        <div className="card">
          <p role="status">
            <strong>Đang bật.</strong> Mỗi lần đăng nhập cần thêm mã 6 số từ ứng dụng xác thực trên điện thoại.
          </p>
          <p className="muted">Muốn tắt (ví dụ để chuyển sang điện thoại khác), nhập một mã hiện tại. Mất điện thoại: liên hệ quản trị hệ thống để gỡ.</p>
          <SaveError error={disable.error} fields={fieldErrorsOf(disable.error)} />
          <CodeForm label="Tắt xác thực hai bước" busy={disable.isPending} error={fieldErrorsOf(disable.error).code} onSubmit={(code) => disable.mutate(code)} />
        </div>
      ) : (
        <div className="card">
          <p>
            Xác thực hai bước bảo vệ tài khoản khi mật khẩu bị lộ: ngoài mật khẩu, mỗi lần đăng nhập cần mã 6 số từ một ứng dụng xác thực (Google
            Authenticator, Microsoft Authenticator…) trên điện thoại.
          </p>
          {!setup.data ? (
            <form
              className="row"
              noValidate
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                setup.mutate();
              }}
            >
              <SaveError error={setup.error} fields={fieldErrorsOf(setup.error)} />
              <Field label="Mật khẩu hiện tại" required error={fieldErrorsOf(setup.error).currentPassword}>
                {(p) => <input {...p} type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} />}
              </Field>
              <button type="submit" className="btn btn-primary" disabled={setup.isPending || !currentPassword}>
                {s.pending ? 'Tạo lại mã thiết lập' : 'Bắt đầu thiết lập'}
              </button>
            </form>
          ) : (
            <>
              <ol>
                <li>Mở ứng dụng xác thực, chọn thêm tài khoản và quét mã QR dưới đây (hoặc nhập khóa bí mật).</li>
                <li>Nhập mã 6 số ứng dụng hiện ra để xác nhận.</li>
              </ol>
              {qr.data ? <img src={qr.data} width={220} height={220} alt="Mã QR thiết lập xác thực hai bước" /> : null}
              <p>
                Khóa bí mật: <code data-testid="totp-secret">{setup.data.secret}</code>
              </p>
              <details>
                <summary>Địa chỉ otpauth (cho ứng dụng trên máy tính)</summary>
                <code data-testid="totp-url" className="totp-url">
                  {setup.data.otpauthUrl}
                </code>
              </details>
              <SaveError error={enable.error} fields={fieldErrorsOf(enable.error)} />
              <CodeForm label="Xác nhận và bật" busy={enable.isPending} error={fieldErrorsOf(enable.error).code} onSubmit={(code) => enable.mutate(code)} />
            </>
          )}
        </div>
      )}
    </Page>
  );
}
