/** /bao-cao: a period's results (shares, 766 score), charts over months, agencies and procedures, and Biểu 06a with its XLSX. */
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call, client, saveFile } from '../api';
import { type ShareDatum, ShareBars, ShareColumns } from '../charts/share-charts';
import { ErrorBox, Field, LabelOptions, Loading, Page } from '../components';
import { formatDateTime, formatPercent, todayLocal } from '../format';
import { AgencySelect } from '../supervisor/agency-select';
import { type PeriodChoice, defaultChoice, monthPeriod, monthsEnding, periodLabel, periodOf, periodProblem, vnDate } from '../supervisor/period';
import { PeriodPicker } from '../supervisor/period-picker';
import { LatenessTable } from '../supervisor/lateness-table';
import { GROUP_LABELS, Report06aTable } from '../supervisor/report-06a-table';
import type { GroupBy, Progress766, Report06a, ReportSummary } from '../supervisor/report-types';
import { formatCount } from '../supervisor/supervisor-format';

const get06a = (q: { from: string; to: string; agencyCode: string; groupBy: GroupBy }) => ({
  queryKey: ['reports', '06a', q],
  queryFn: () => call(client.GET('/api/v1/reports/06a', { params: { query: q } })),
});

const rowsOf = (r: Report06a | undefined): ShareDatum[] => (r?.rows ?? []).map((row) => ({ key: row.key, label: row.label, ...row.resolved }));

export default function ReportsPage() {
  const [today] = useState(() => todayLocal());
  const [choice, setChoice] = useState<PeriodChoice>(() => defaultChoice(today));
  const [agencyCode, setAgencyCode] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('agency');
  const problem = periodProblem(choice, today);
  const period = periodOf(choice);
  const ok = problem === null;
  const filters = { ...period, agencyCode };

  const summary = useQuery({
    queryKey: ['reports', 'summary', filters],
    queryFn: () => call(client.GET('/api/v1/reports/summary', { params: { query: filters } })),
    enabled: ok,
  });
  const progress = useQuery({
    queryKey: ['reports', '766', filters],
    queryFn: () => call(client.GET('/api/v1/reports/766/progress', { params: { query: filters } })),
    enabled: ok,
  });
  const months = monthsEnding(period.to, today);
  // One summary per month: each is a few rollup rows, and a past month stays cached while the period changes.
  const monthly = useQueries({
    queries: months.map(({ year, month }) => {
      const m = { ...monthPeriod(year, month), agencyCode };
      return {
        queryKey: ['reports', 'summary', m],
        queryFn: () => call(client.GET('/api/v1/reports/summary', { params: { query: m } })),
        enabled: ok,
        staleTime: 60_000,
      };
    }),
  });
  const byAgency = useQuery({ ...get06a({ ...filters, groupBy: 'agency' }), enabled: ok });
  const byProcedure = useQuery({ ...get06a({ ...filters, groupBy: 'procedure' }), enabled: ok });
  const table = useQuery({ ...get06a({ ...filters, groupBy }), enabled: ok });
  const lateness = useQuery({
    queryKey: ['reports', 'lateness', filters],
    queryFn: () => call(client.GET('/api/v1/reports/lateness', { params: { query: filters } })),
    enabled: ok,
  });
  const download = useMutation({
    mutationFn: () =>
      saveFile(
        client.GET('/api/v1/reports/06a', { params: { query: { ...filters, groupBy, format: 'xlsx' } }, parseAs: 'blob', headers: { Accept: '*/*' } }),
        `bieu-06a_${period.from}_${period.to}_${groupBy}.xlsx`,
      ),
  });

  const label = periodLabel(choice);
  const monthlyData: ShareDatum[] = months.map(({ year, month }, i) => ({
    key: `${year}-${month}`,
    label: `Tháng ${String(month).padStart(2, '0')}/${year}`,
    tick: [`T${month}`, month === 1 || i === 0 ? String(year) : undefined],
    early: monthly[i]?.data?.resolved.early ?? 0,
    onTime: monthly[i]?.data?.resolved.onTime ?? 0,
    overdue: monthly[i]?.data?.resolved.overdue ?? 0,
  }));
  const monthlyError = monthly.find((q) => q.error)?.error;

  return (
    <Page title="Báo cáo, thống kê kết quả giải quyết TTHC">
      <form className="card sv-card filters" aria-label="Chọn kỳ báo cáo và đơn vị" onSubmit={(e) => e.preventDefault()}>
        <div className="row">
          <PeriodPicker value={choice} onChange={setChoice} today={today} />
          <AgencySelect value={agencyCode} onChange={setAgencyCode} hint="Một đơn vị: chỉ hồ sơ của chính đơn vị đó" />
        </div>
        {ok ? (
          <p className="muted">
            Kỳ báo cáo: từ ngày {vnDate(period.from)} đến ngày {vnDate(period.to)}
            {/* A period that has not ended counts what is in progress now (README "Reports"). */}
            {summary.data && summary.data.period.asOf.slice(0, 10) <= period.to ? `; số đang giải quyết tính đến ${formatDateTime(summary.data.period.asOf)}` : ''}.
          </p>
        ) : null}
      </form>

      {ok ? (
        <>
          <section aria-labelledby="results-heading">
            <h2 id="results-heading">Kết quả giải quyết — {label}</h2>
            <ErrorBox error={summary.error ?? progress.error} />
            {summary.data ? <Results summary={summary.data} progress={progress.data} /> : summary.isPending ? <Loading /> : null}
          </section>

          <section className="card sv-card" aria-labelledby="charts-heading">
            <h2 id="charts-heading">Tỷ lệ giải quyết trước hạn, đúng hạn, quá hạn</h2>
            <ErrorBox error={monthlyError} />
            {monthly.some((q) => q.isPending) ? (
              <Loading />
            ) : (
              <ShareColumns title={`Theo tháng, 12 tháng đến tháng ${monthlyData.at(-1)?.label.slice(6)}`} groupLabel="Tháng" data={monthlyData} />
            )}
            <div className="two-col">
              <div>
                <ErrorBox error={byAgency.error} />
                {byAgency.data ? <ShareBars title={`Theo đơn vị — ${label}`} groupLabel="Đơn vị" data={rowsOf(byAgency.data)} /> : <Loading />}
              </div>
              <div>
                <ErrorBox error={byProcedure.error} />
                {byProcedure.data ? (
                  <ShareBars title={`Theo thủ tục hành chính — ${label}`} groupLabel="Thủ tục" data={rowsOf(byProcedure.data)} />
                ) : (
                  <Loading />
                )}
              </div>
            </div>
          </section>

          <section className="card sv-card" aria-labelledby="form-06a-heading">
            <div className="page-head">
              <h2 id="form-06a-heading">Biểu 06a — Kết quả giải quyết thủ tục hành chính</h2>
              <div className="row">
                <Field label="Tổng hợp theo">
                  {(p) => (
                    <select {...p} value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
                      <LabelOptions labels={GROUP_LABELS} />
                    </select>
                  )}
                </Field>
                <div className="field">
                  <button type="button" className="btn btn-primary" onClick={() => download.mutate()} disabled={download.isPending}>
                    {download.isPending ? 'Đang tạo tệp…' : 'Tải Excel (Biểu 06a)'}
                  </button>
                </div>
              </div>
            </div>
            <ErrorBox error={download.error ?? table.error} />
            <p className="muted">Kỳ báo cáo: từ ngày {vnDate(period.from)} đến ngày {vnDate(period.to)}.</p>
            {table.data ? <Report06aTable report={table.data} caption={`Biểu 06a theo ${GROUP_LABELS[groupBy].toLowerCase()}, ${label}`} /> : <Loading />}
          </section>

          <section className="card sv-card" aria-labelledby="lateness-heading">
            <h2 id="lateness-heading">Chậm muộn theo đơn vị giữ bước</h2>
            <p className="muted">
              Mỗi bước xử lý kết thúc trong kỳ được tính cho đơn vị đã giữ bước đó (liên thông), số giờ trễ theo lịch làm việc của đơn vị;
              cột “Đang giữ quá hạn” tính đến {lateness.data ? formatDateTime(lateness.data.asOf) : 'hiện tại'}.
            </p>
            <ErrorBox error={lateness.error} />
            {lateness.data ? <LatenessTable report={lateness.data} caption={`Chậm muộn theo đơn vị giữ bước, ${label}`} /> : <Loading />}
          </section>
        </>
      ) : null}
    </Page>
  );
}

function Results({ summary, progress }: { summary: ReportSummary; progress?: Progress766 }) {
  const s = summary.shares;
  const cards: { label: string; value: string; note: string; tone?: string }[] = [
    { label: 'Tiếp nhận', value: formatCount(summary.received.total), note: `mới ${summary.received.online + summary.received.directOrPostal}, kỳ trước chuyển sang ${summary.received.carriedOver}` },
    { label: 'Đã giải quyết', value: formatCount(summary.resolved.total), note: `đang giải quyết ${summary.inProgress.total}, trong đó quá hạn ${summary.inProgress.overdue}` },
    { label: 'Trước hạn', value: formatPercent(s.early), note: `${summary.resolved.early} hồ sơ`, tone: 'ok' },
    { label: 'Đúng hạn', value: formatPercent(s.onTime), note: `${summary.resolved.onTime} hồ sơ` },
    { label: 'Quá hạn', value: formatPercent(s.overdue), note: `${summary.resolved.overdue} hồ sơ`, tone: 'bad' },
    { label: 'Trước hạn và đúng hạn', value: formatPercent(s.onTimeOrBetter), note: 'trên số đã giải quyết' },
  ];
  return (
    <div className="stat-grid">
      {cards.map((c) => (
        <div key={c.label} className={`stat-card${c.tone ? ` stat-card-${c.tone}` : ''}`} role="group" aria-label={c.label}>
          <span className="stat-label">{c.label}</span>
          <span className="stat">{c.value}</span>
          <span className="stat-note">{c.note}</span>
        </div>
      ))}
      <div className="stat-card stat-card-ok" role="group" aria-label="Điểm tiến độ giải quyết (Quyết định 766)">
        <span className="stat-label">Điểm tiến độ giải quyết (QĐ 766)</span>
        <span className="stat">
          {formatCount(progress?.score)}
          <small className="muted"> / {progress?.maxScore ?? 20}</small>
        </span>
        <span className="stat-note">
          {progress ? `${progress.numerator}/${progress.denominator} hồ sơ đúng hạn hoặc còn trong hạn` : 'đang tính…'}
        </span>
      </div>
    </div>
  );
}
