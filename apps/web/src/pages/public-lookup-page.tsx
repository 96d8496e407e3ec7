/** The citizens' page: a dossier's status and dates by its code (the receipt's QR code opens it with ?ma=…&k=…), never the applicant. */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, call, client } from '../api';
import { ErrorBox, Field, Loading, StatusBadge } from '../components';
import { formatAppointment, formatDateTime } from '../format';

function LookupError({ error, code }: { error: unknown; code: string }) {
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div className="alert alert-error" role="alert">
        Không tìm thấy hồ sơ có mã <strong>{code}</strong>. Vui lòng kiểm tra lại mã hồ sơ in trên giấy tiếp nhận.
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 429) {
    return (
      <div className="alert alert-warn" role="alert">
        Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút.
      </div>
    );
  }
  return <ErrorBox error={error} />;
}

/**
 * Keyed by the code in the address, so going back in the browser also puts that code back in the box. The receipt's QR code
 * also carries the dossier's lookup key (`k`): kept in a hidden field, never shown, and sent again only with the same code.
 */
function LookupForm({ initial, lookupKey, onLookup }: { initial: string; lookupKey: string; onLookup: (code: string, key: string) => void }) {
  const [input, setInput] = useState(initial);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = input.trim();
    const key = new FormData(e.currentTarget).get('k');
    if (code) onLookup(code, code === initial && typeof key === 'string' ? key : '');
  }
  return (
    <form className="card row" onSubmit={submit} role="search" aria-label="Tra cứu hồ sơ">
      <Field label="Mã hồ sơ" required>
        {(p) => <input {...p} name="ma" value={input} autoComplete="off" spellCheck={false} onChange={(e) => setInput(e.target.value)} />}
      </Field>
      {lookupKey ? <input type="hidden" name="k" value={lookupKey} /> : null}
      <button type="submit" className="btn btn-primary desk-search-button" disabled={!input.trim()}>
        Tra cứu
      </button>
    </form>
  );
}

export function PublicLookupPage() {
  const [params, setParams] = useSearchParams();
  const code = (params.get('ma') ?? '').trim();
  // The lookup key printed in the receipt's QR code; the server does not ask for it yet, so the code alone opens the result.
  const lookupKey = (params.get('k') ?? '').trim();
  const lookup = useQuery({
    queryKey: ['public-dossier', code],
    queryFn: () => call(client.GET('/api/v1/public/dossiers/{code}', { params: { path: { code } } })),
    enabled: !!code,
    // Each ask counts against the rate limit: no refetch on focus, no retry.
    retry: false,
    refetchOnWindowFocus: false,
    staleTime: 60_000,
  });

  const d = lookup.data;
  return (
    <div className="public">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ★
          </span>
          <span>
            Tra cứu hồ sơ thủ tục hành chính
            <small>Bộ phận tiếp nhận và trả kết quả (Một cửa)</small>
          </span>
        </div>
        <Link className="btn btn-light" to="/dang-nhap">
          Đăng nhập cho cán bộ
        </Link>
      </header>
      <main id="main" className="public-main">
        <h1>Tra cứu tình trạng hồ sơ</h1>
        <p className="muted">
          Nhập mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (dạng H12.01-261123-0001), hoặc quét mã QR trên giấy.
        </p>
        <LookupForm key={code} initial={code} lookupKey={lookupKey} onLookup={(ma, k) => setParams(k ? { ma, k } : { ma })} />
        {lookup.isFetching && !d ? <Loading label="Đang tra cứu…" /> : null}
        {lookup.error ? <LookupError error={lookup.error} code={code} /> : null}
        {d ? (
          <section className="card" aria-labelledby="result-title" aria-live="polite">
            <h2 id="result-title">
              Hồ sơ <span data-testid="public-code">{d.code}</span>
            </h2>
            <dl className="desk-facts">
              <div>
                <dt>Thủ tục</dt>
                <dd>{d.procedureName}</dd>
              </div>
              <div>
                <dt>Tình trạng</dt>
                <dd data-testid="public-status">
                  <StatusBadge status={d.status} />
                </dd>
              </div>
              <div>
                <dt>Ngày tiếp nhận</dt>
                <dd>{formatDateTime(d.receivedAt)}</dd>
              </div>
              <div>
                <dt>Hẹn trả kết quả</dt>
                <dd data-testid="public-due">{formatAppointment(d.dueAt)}</dd>
              </div>
              {d.extendedDueAt ? (
                <div>
                  <dt>Hẹn lại ngày trả kết quả</dt>
                  <dd>{formatAppointment(d.extendedDueAt)}</dd>
                </div>
              ) : null}
              <div>
                <dt>Ngày có kết quả</dt>
                <dd>{d.finishedAt ? formatDateTime(d.finishedAt) : 'Chưa có'}</dd>
              </div>
              <div>
                <dt>Ngày trả kết quả</dt>
                <dd>{d.returnedAt ? formatDateTime(d.returnedAt) : 'Chưa trả'}</dd>
              </div>
            </dl>
          </section>
        ) : null}
      </main>
    </div>
  );
}
