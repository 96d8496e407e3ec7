/** Step lateness per agency that held the steps (GET /api/v1/reports/lateness): liên thông puts each delay where it happened. */
import type { LatenessCounts, LatenessReport } from './report-types';
import { formatCount } from './supervisor-format';

const hours = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** Working minutes as working hours, one decimal ("10,5"). */
export function formatWorkingHours(minutes: number): string {
  return hours.format(minutes / 60);
}

const COLUMNS: { title: string; value: (c: LatenessCounts) => string }[] = [
  { title: 'Số bước xử lý', value: (c) => formatCount(c.stepsHeld) },
  { title: 'Số bước trễ hạn', value: (c) => formatCount(c.stepsLate) },
  { title: 'Số giờ làm việc trễ', value: (c) => formatWorkingHours(c.workingMinutesLate) },
  { title: 'Đang giữ quá hạn', value: (c) => formatCount(c.overdueNow) },
];

export function LatenessTable({ report, caption }: { report: LatenessReport; caption: string }) {
  const cells = (c: LatenessCounts) =>
    COLUMNS.map((col) => (
      <td key={col.title} className="num">
        {col.value(c)}
      </td>
    ));
  return (
    <div className="table-wrap">
      <table className="report-06a">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị giữ bước</th>
            {COLUMNS.map((c) => (
              <th key={c.title} scope="col">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="muted">
                Không có bước xử lý nào kết thúc trong kỳ.
              </td>
            </tr>
          ) : (
            report.rows.map((r) => (
              <tr key={r.agencyCode}>
                <th scope="row">{r.name}</th>
                {cells(r)}
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Tổng cộng</th>
            {cells(report.total)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
