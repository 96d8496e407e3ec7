/** Biểu 06a on screen, with the same headers as the XLSX the API writes (libs/reports report-06a.workbook.ts). */
import type { GroupBy, Report06a, ReportNumbers } from './report-types';
import { formatCount } from './supervisor-format';

export const GROUP_LABELS: Record<GroupBy, string> = { agency: 'Đơn vị', receiving: 'Bộ phận tiếp nhận', field: 'Lĩnh vực', procedure: 'Thủ tục hành chính' };

const COLUMNS: { title: string; value: (n: ReportNumbers) => number }[] = [
  { title: 'Tổng số', value: (n) => n.received.total },
  { title: 'Trong kỳ — trực tuyến', value: (n) => n.received.online },
  { title: 'Trong kỳ — trực tiếp, dịch vụ bưu chính', value: (n) => n.received.directOrPostal },
  { title: 'Từ kỳ trước', value: (n) => n.received.carriedOver },
  { title: 'Tổng số', value: (n) => n.resolved.total },
  { title: 'Trước hạn', value: (n) => n.resolved.early },
  { title: 'Đúng hạn', value: (n) => n.resolved.onTime },
  { title: 'Quá hạn', value: (n) => n.resolved.overdue },
  { title: 'Tổng số', value: (n) => n.inProgress.total },
  { title: 'Trong hạn', value: (n) => n.inProgress.withinDeadline },
  { title: 'Quá hạn', value: (n) => n.inProgress.overdue },
];

export function Report06aTable({ report, caption }: { report: Report06a; caption: string }) {
  const cells = (n: ReportNumbers) =>
    COLUMNS.map((c, i) => (
      <td key={i} className="num">
        {formatCount(c.value(n))}
      </td>
    ));
  return (
    <div className="table-wrap">
      <table className="report-06a">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={3}>
              STT
            </th>
            <th scope="col" rowSpan={3}>
              {GROUP_LABELS[report.groupBy]}
            </th>
            <th scope="colgroup" colSpan={4} rowSpan={2}>
              Số hồ sơ nhận giải quyết
            </th>
            <th scope="colgroup" colSpan={7}>
              Kết quả giải quyết
            </th>
          </tr>
          <tr>
            <th scope="colgroup" colSpan={4}>
              Số hồ sơ đã giải quyết
            </th>
            <th scope="colgroup" colSpan={3}>
              Số hồ sơ đang giải quyết
            </th>
          </tr>
          <tr>
            {COLUMNS.map((c, i) => (
              <th key={i} scope="col">
                {c.title}
              </th>
            ))}
          </tr>
          <tr className="col-no" aria-hidden="true">
            {Array.from({ length: 13 }, (_, i) => (
              <th key={i}>({i + 1})</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.length === 0 ? (
            <tr>
              <td colSpan={13} className="muted">
                Không có hồ sơ trong kỳ.
              </td>
            </tr>
          ) : (
            report.rows.map((r, i) => (
              <tr key={r.key}>
                <td className="num">{i + 1}</td>
                <th scope="row">{r.label}</th>
                {cells(r)}
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row">Tổng cộng</th>
            {cells(report.total)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
