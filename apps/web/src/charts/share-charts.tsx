/**
 * Early / on-time / overdue shares as 100% stacked bars, drawn by hand in inline SVG (no chart library to download).
 * Lengths are percentages of the SVG's own width, so text keeps its size from a phone to a wall screen. Every number is
 * also in the SVG's <desc> (read by screen readers), in a <title> per segment (hover) and in a table under the chart.
 */
import { useId } from 'react';
import { formatPercent } from '../format';

export interface ShareDatum {
  key: string;
  label: string;
  /** A column's label under it, on up to two lines (columns only). */
  tick?: [string, string?];
  early: number;
  onTime: number;
  overdue: number;
}

const PARTS = [
  { key: 'early', label: 'Trước hạn', color: '#1e6b34' },
  { key: 'onTime', label: 'Đúng hạn', color: '#0b5cab' },
  { key: 'overdue', label: 'Quá hạn', color: '#b3261e' },
] as const;

interface Segment {
  key: (typeof PARTS)[number]['key'];
  label: string;
  color: string;
  value: number;
  share: number;
  /** Where it starts, as a share of the bar. */
  start: number;
}

const total = (d: ShareDatum) => d.early + d.onTime + d.overdue;

function segments(d: ShareDatum): Segment[] {
  const n = total(d);
  let start = 0;
  return PARTS.map((p) => {
    const value = d[p.key];
    const share = n ? value / n : 0;
    const s = { ...p, value, share, start };
    start += share;
    return s;
  });
}

/** "Tháng 11/2026: 3 hồ sơ đã giải quyết — trước hạn 1 (33,3%), đúng hạn 1 (33,3%), quá hạn 1 (33,3%)" */
export function describeShares(d: ShareDatum): string {
  const n = total(d);
  if (!n) return `${d.label}: chưa có hồ sơ nào được giải quyết`;
  return `${d.label}: ${n} hồ sơ đã giải quyết — ${segments(d)
    .map((s) => `${s.label.toLowerCase()} ${s.value} (${formatPercent(s.share)})`)
    .join(', ')}`;
}

const pct = (x: number) => `${(x * 100).toFixed(3)}%`;

/** Overdue is hatched as well as red, so it reads without colour (print, colour blindness). */
function Hatch({ id }: { id: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#b3261e" />
      <rect width="2" height="6" fill="#7d1a15" />
    </pattern>
  );
}

function fillOf(s: Segment, hatchId: string): string {
  return s.key === 'overdue' ? `url(#${hatchId})` : s.color;
}

export function ShareLegend() {
  const id = useId();
  return (
    <ul className="chart-legend">
      {PARTS.map((p) => (
        <li key={p.key}>
          <svg width="14" height="14" aria-hidden="true" focusable="false">
            {p.key === 'overdue' ? (
              <defs>
                <Hatch id={`${id}-h`} />
              </defs>
            ) : null}
            <rect width="14" height="14" fill={p.key === 'overdue' ? `url(#${id}-h)` : p.color} />
          </svg>
          {p.label}
        </li>
      ))}
    </ul>
  );
}

function ShareTable({ data, groupLabel }: { data: ShareDatum[]; groupLabel: string }) {
  return (
    <details className="chart-table">
      <summary>Xem bảng số liệu</summary>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{groupLabel}</th>
              <th scope="col" className="num">
                Đã giải quyết
              </th>
              {PARTS.map((p) => (
                <th key={p.key} scope="col" className="num">
                  {p.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.label}</th>
                <td className="num">{total(d)}</td>
                {segments(d).map((s) => (
                  <td key={s.key} className="num">
                    {s.value} ({total(d) ? formatPercent(s.share) : '—'})
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

interface ChartProps {
  title: string;
  data: ShareDatum[];
  /** The table's first column header: "Tháng", "Đơn vị", "Thủ tục". */
  groupLabel: string;
}

const BAR = 22;

/**
 * One horizontal bar per group (agency, procedure…) under its name: names are long, so they are HTML text that wraps,
 * and each bar is its own small SVG image named by its numbers.
 */
export function ShareBars({ title, data, groupLabel }: ChartProps) {
  const hatchId = `${useId()}-h`;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ShareLegend />
      {data.length === 0 ? (
        <p className="muted">Không có hồ sơ trong kỳ.</p>
      ) : (
        <>
          <svg width="0" height="0" className="chart-defs" aria-hidden="true" focusable="false">
            <defs>
              <Hatch id={hatchId} />
            </defs>
          </svg>
          <ul className="bar-list">
            {data.map((d) => {
              const n = total(d);
              return (
                <li key={d.key}>
                  <span className="bar-label">
                    {d.label} <span className="muted">— {n} hồ sơ</span>
                  </span>
                  <svg width="100%" height={BAR} role="img" aria-label={describeShares(d)}>
                    {n === 0 ? (
                      <>
                        <rect x="0" y="0" width="100%" height={BAR} className="chart-empty" />
                        <text x="8" y="15" className="chart-note">
                          Chưa có hồ sơ giải quyết
                        </text>
                      </>
                    ) : (
                      segments(d)
                        .filter((s) => s.value > 0)
                        .map((s) => (
                          <g key={s.key}>
                            <rect x={pct(s.start)} y="0" width={pct(s.share)} height={BAR} fill={fillOf(s, hatchId)} stroke="#fff" strokeWidth="1">
                              <title>{`${s.label}: ${s.value} hồ sơ (${formatPercent(s.share)})`}</title>
                            </rect>
                            {s.share >= 0.12 ? (
                              <text x={pct(s.start + s.share / 2)} y="15" textAnchor="middle" className="chart-value">
                                {formatPercent(s.share)}
                              </text>
                            ) : null}
                          </g>
                        ))
                    )}
                  </svg>
                </li>
              );
            })}
          </ul>
          <ShareTable data={data} groupLabel={groupLabel} />
        </>
      )}
    </figure>
  );
}

const TOP = 18;
const PLOT = 180;
const TICKS = 34;

/** One column per period (e.g. month), early at the bottom; its count of resolved dossiers above it. */
export function ShareColumns({ title, data, groupLabel }: ChartProps) {
  const id = useId();
  const hatchId = `${id}-h`;
  const step = 1 / Math.max(1, data.length);
  const width = step * 0.72;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ShareLegend />
      <svg width="100%" height={TOP + PLOT + TICKS} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{data.map(describeShares).join('; ')}</desc>
        <defs>
          <Hatch id={hatchId} />
        </defs>
        {[0.25, 0.5, 0.75].map((g) => (
          <line key={g} x1="0" x2="100%" y1={TOP + PLOT * (1 - g)} y2={TOP + PLOT * (1 - g)} className="chart-grid" />
        ))}
        {data.map((d, i) => {
          const x = i * step + (step - width) / 2;
          const mid = pct(i * step + step / 2);
          const n = total(d);
          return (
            <g key={d.key}>
              <text x={mid} y={TOP - 5} textAnchor="middle" className="chart-note">
                {n}
              </text>
              {n === 0 ? (
                <rect x={pct(x)} y={TOP} width={pct(width)} height={PLOT} className="chart-empty">
                  <title>{describeShares(d)}</title>
                </rect>
              ) : (
                segments(d)
                  .filter((s) => s.value > 0)
                  .map((s) => {
                    const h = PLOT * s.share;
                    const top = TOP + PLOT * (1 - s.start - s.share);
                    return (
                      <g key={s.key}>
                        <rect x={pct(x)} y={top} width={pct(width)} height={h} fill={fillOf(s, hatchId)} stroke="#fff" strokeWidth="1">
                          <title>{`${d.label} — ${s.label}: ${s.value} hồ sơ (${formatPercent(s.share)})`}</title>
                        </rect>
                        {h >= 18 ? (
                          <text x={mid} y={top + h / 2 + 4} textAnchor="middle" className="chart-value chart-value-small" aria-hidden="true">
                            {Math.round(s.share * 100)}%
                          </text>
                        ) : null}
                      </g>
                    );
                  })
              )}
              {(d.tick ?? [d.label]).map((line, j) => (
                <text key={j} x={mid} y={TOP + PLOT + 14 + j * 14} textAnchor="middle" className="chart-tick">
                  {line}
                </text>
              ))}
            </g>
          );
        })}
        <line x1="0" x2="100%" y1={TOP + PLOT} y2={TOP + PLOT} className="chart-axis" />
      </svg>
      <ShareTable data={data} groupLabel={groupLabel} />
    </figure>
  );
}
