/** /giam-sat: what the supervisor's agencies have open right now, refreshing by itself, and this month's results. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { agencyTree } from '../admin/agencies';
import { call, client } from '../api';
import { ShareBars } from '../charts/share-charts';
import { ErrorBox, Loading, Page, StatusBadge, errorMessage } from '../components';
import { DossierLink } from '../dossier/dossier-cells';
import { formatDateTime, formatPercent } from '../format';
import { ROLE_LABELS } from '../labels';
import type { DossierStatus, Role } from '../types';
import type { LiveCounts, LiveReport, ReportSummary } from '../supervisor/report-types';
import { formatClock, formatCount, formatLate } from '../supervisor/supervisor-format';

/** How often the counters are asked again (a COUNT over the live dossiers' index: cheap). */
const LIVE_REFRESH_MS = 15_000;

const CARDS: { key: keyof LiveCounts; label: string; note: string; tone?: string; to?: string }[] = [
  { key: 'inProgress', label: 'Đang giải quyết', note: 'kể cả chờ bổ sung, tạm dừng' },
  { key: 'dueSoon', label: 'Sắp đến hạn', note: 'còn dưới 1 ngày làm việc', tone: 'warn' },
  { key: 'overdue', label: 'Quá hạn', note: 'Xem danh sách hồ sơ quá hạn', tone: 'bad', to: '/giam-sat/qua-han' },
  { key: 'awaitingSupplement', label: 'Chờ bổ sung', note: 'chờ người nộp bổ sung' },
  { key: 'suspended', label: 'Tạm dừng', note: 'nghĩa vụ tài chính, lý do khác' },
  { key: 'resultReady', label: 'Có kết quả, chờ trả', note: 'tại Bộ phận Một cửa', tone: 'ok' },
];

function summaryQuery(from: string | undefined, to: string | undefined) {
  return {
    queryKey: ['reports', 'summary', { from, to }],
    queryFn: () => call(client.GET('/api/v1/reports/summary', { params: { query: { from: from!, to: to! } } })),
    enabled: !!from && !!to,
    refetchInterval: LIVE_REFRESH_MS,
  };
}

export default function DashboardPage() {
  const live = useQuery({
    queryKey: ['reports', 'live'],
    queryFn: () => call(client.GET('/api/v1/reports/live')),
    refetchInterval: LIVE_REFRESH_MS,
  });
  // "Today" is the server's (asOf is local time with its offset), so the day agrees with the counters.
  const today = live.data?.asOf.slice(0, 10);
  const todaySummary = useQuery(summaryQuery(today, today));
  const monthSummary = useQuery(summaryQuery(today && `${today.slice(0, 8)}01`, today));
  const refreshing = live.isFetching || todaySummary.isFetching || monthSummary.isFetching;
  const refresh = () => void Promise.all([live.refetch(), todaySummary.refetch(), monthSummary.refetch()]);

  return (
    <Page
      title="Bảng theo dõi, giám sát"
      actions={
        <div className="refresh-bar">
          <span className="muted" data-testid="updated-at">
            {live.dataUpdatedAt ? `Cập nhật lúc ${formatClock(live.dataUpdatedAt)}` : ''}
            {` · tự động làm mới mỗi ${LIVE_REFRESH_MS / 1000} giây`}
          </span>
          <button type="button" className="btn" onClick={refresh} disabled={refreshing}>
            {refreshing ? 'Đang làm mới…' : 'Làm mới'}
          </button>
        </div>
      }
    >
      {live.data && live.error ? (
        <div className="alert alert-warn" role="alert">
          Không cập nhật được số liệu mới ({errorMessage(live.error)}); đang hiển thị số liệu lúc {formatClock(live.dataUpdatedAt)}.
        </div>
      ) : null}
      {!live.data ? live.error ? <ErrorBox error={live.error} /> : <Loading /> : <Live report={live.data} />}
      {live.data ? <Results today={todaySummary} month={monthSummary} monthLabel={`${today!.slice(5, 7)}/${today!.slice(0, 4)}`} /> : null}
      {live.data ? <MostOverdue report={live.data} /> : null}
      {live.data ? <ByAgency report={live.data} /> : null}
    </Page>
  );
}

function Live({ report }: { report: LiveReport }) {
  return (
    <section aria-labelledby="live-heading">
      <h2 id="live-heading">Hồ sơ đang xử lý (tính đến {formatDateTime(report.asOf)})</h2>
      <div className="stat-grid">
        {CARDS.map((c) => {
          return (
            <div key={c.key} className={`stat-card${c.tone ? ` stat-card-${c.tone}` : ''}`} role="group" aria-labelledby={`live-${c.key}`}>
              <span className="stat-label" id={`live-${c.key}`}>
                {c.label}
              </span>
              <span className={`stat${c.tone === 'bad' && report[c.key] ? ' stat-bad' : ''}`}>{formatCount(report[c.key])}</span>
              {c.to ? (
                <Link to={c.to} className="stat-note">
                  {c.note}
                </Link>
              ) : (
                <span className="stat-note">{c.note}</span>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

type SummaryState = { data?: ReportSummary; error: unknown; isPending: boolean };

function Results({ today, month, monthLabel }: { today: SummaryState; month: SummaryState; monthLabel: string }) {
  const t = today.data;
  const m = month.data;
  return (
    <div className="two-col">
      <section className="card sv-card" aria-labelledby="today-heading">
        <h2 id="today-heading">Hôm nay</h2>
        <ErrorBox error={today.error} />
        {t ? (
          <div className="stat-grid">
            <div className="stat-card" role="group" aria-labelledby="today-received">
              <span className="stat-label" id="today-received">
                Tiếp nhận mới
              </span>
              <span className="stat">{formatCount(t.received.online + t.received.directOrPostal)}</span>
              <span className="stat-note">
                trực tuyến {formatCount(t.received.online)}, trực tiếp và bưu chính {formatCount(t.received.directOrPostal)}
              </span>
            </div>
            <div className="stat-card" role="group" aria-labelledby="today-resolved">
              <span className="stat-label" id="today-resolved">
                Đã giải quyết
              </span>
              <span className="stat">{formatCount(t.resolved.total)}</span>
              <span className="stat-note">
                trước hạn {t.resolved.early}, đúng hạn {t.resolved.onTime}, quá hạn {t.resolved.overdue}
              </span>
            </div>
          </div>
        ) : today.isPending && !today.error ? (
          <Loading />
        ) : null}
      </section>
      <section className="card sv-card" aria-labelledby="month-heading">
        <h2 id="month-heading">Kết quả giải quyết tháng {monthLabel}</h2>
        <ErrorBox error={month.error} />
        {m ? (
          <>
            <p>
              Đã giải quyết <strong>{formatCount(m.resolved.total)}</strong> hồ sơ; trước hạn và đúng hạn{' '}
              <strong>{formatPercent(m.shares.onTimeOrBetter)}</strong>.
            </p>
            <ShareBars
              title={`Tỷ lệ trước hạn, đúng hạn, quá hạn tháng ${monthLabel}`}
              groupLabel="Kỳ"
              data={[{ key: 'month', label: `Tháng ${monthLabel} (đến hôm nay)`, ...m.resolved }]}
            />
          </>
        ) : month.isPending && !month.error ? (
          <Loading />
        ) : null}
        <p>
          <Link to="/bao-cao">Xem báo cáo, thống kê chi tiết</Link>
        </p>
      </section>
    </div>
  );
}

function MostOverdue({ report }: { report: LiveReport }) {
  return (
    <section className="card sv-card" aria-labelledby="most-overdue-heading">
      <h2 id="most-overdue-heading">Hồ sơ quá hạn lâu nhất</h2>
      {report.mostOverdue.length === 0 ? (
        <p className="alert alert-ok">Không có hồ sơ quá hạn.</p>
      ) : (
        <div className="table-wrap">
          <table className="sv-table">
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Thủ tục</th>
                <th scope="col">Đơn vị</th>
                <th scope="col">Đang ở bước</th>
                <th scope="col">Hạn trả kết quả</th>
                <th scope="col">Quá hạn</th>
              </tr>
            </thead>
            <tbody>
              {report.mostOverdue.map((d) => (
                <tr key={d.id}>
                  <td className="sv-nowrap">
                    <DossierLink dossier={d} />
                  </td>
                  <td>{d.procedureName}</td>
                  <td>{report.byAgency.find((a) => a.agencyCode === d.agencyCode)?.name ?? d.agencyCode}</td>
                  <td>
                    {d.currentStep ? `${d.currentStep.name} (${ROLE_LABELS[d.currentStep.role as Role] ?? d.currentStep.role})` : '—'}
                    {d.status !== 'processing' ? (
                      <>
                        {' '}
                        <StatusBadge status={d.status as DossierStatus} />
                      </>
                    ) : null}
                  </td>
                  <td>{formatDateTime(d.dueAt)}</td>
                  <td>
                    <span className="badge badge-overdue">{formatLate(d.dueAt, report.asOf)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.overdue > report.mostOverdue.length ? (
        <p>
          <Link to="/giam-sat/qua-han">Xem tất cả {formatCount(report.overdue)} hồ sơ quá hạn</Link>
        </p>
      ) : null}
    </section>
  );
}

function ByAgency({ report }: { report: LiveReport }) {
  const columns: { key: keyof LiveCounts; label: string }[] = [
    { key: 'inProgress', label: 'Đang giải quyết' },
    { key: 'dueSoon', label: 'Sắp đến hạn' },
    { key: 'overdue', label: 'Quá hạn' },
    { key: 'awaitingSupplement', label: 'Chờ bổ sung' },
    { key: 'suspended', label: 'Tạm dừng' },
    { key: 'resultReady', label: 'Chờ trả kết quả' },
  ];
  return (
    <section className="card sv-card" aria-labelledby="by-agency-heading">
      <h2 id="by-agency-heading">Theo đơn vị</h2>
      <div className="table-wrap">
        <table className="sv-table">
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="num">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {agencyTree(report.byAgency, (a) => a.agencyCode).map(({ item: a, depth }) => (
              <tr key={a.agencyCode}>
                <th scope="row" className={depth ? `sv-indent-${Math.min(depth, 3)}` : undefined}>
                  {a.name} <span className="muted">({a.agencyCode})</span>
                </th>
                {columns.map((c) => (
                  <td key={c.key} className="num">
                    {c.key === 'overdue' && a.overdue > 0 ? (
                      <Link to={`/giam-sat/qua-han?agencyCode=${encodeURIComponent(a.agencyCode)}`} aria-label={`${a.overdue} hồ sơ quá hạn của ${a.name}`}>
                        <span className="badge badge-overdue">{formatCount(a.overdue)}</span>
                      </Link>
                    ) : (
                      formatCount(a[c.key])
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Tổng cộng</th>
              {columns.map((c) => (
                <td key={c.key} className="num">
                  {formatCount(report[c.key])}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
