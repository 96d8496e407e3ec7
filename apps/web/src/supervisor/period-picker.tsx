/** Month, quarter, year or any from–to: the periods a report is read for. */
import { Field } from '../components';
import { type PeriodChoice, type PeriodKind, periodProblem } from './period';

const KINDS: { value: PeriodKind; label: string }[] = [
  { value: 'month', label: 'Tháng' },
  { value: 'quarter', label: 'Quý' },
  { value: 'year', label: 'Năm' },
  { value: 'custom', label: 'Tùy chọn từ ngày – đến ngày' },
];

export function PeriodPicker({ value, onChange, today }: { value: PeriodChoice; onChange: (c: PeriodChoice) => void; today: string }) {
  const set = (patch: Partial<PeriodChoice>) => onChange({ ...value, ...patch });
  const problem = periodProblem(value, today);
  const errorOn = (field: 'from' | 'to' | 'period') => (problem?.field === field ? problem.message : undefined);
  const thisYear = +today.slice(0, 4);
  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
  const yearField = (
    <Field label="Năm" error={value.kind === 'year' ? errorOn('period') : undefined}>
      {(p) => (
        <select {...p} value={value.year} onChange={(e) => set({ year: +e.target.value })}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <div className="row">
      <Field label="Kỳ báo cáo">
        {(p) => (
          <select {...p} value={value.kind} onChange={(e) => set({ kind: e.target.value as PeriodKind })}>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {value.kind === 'month' ? (
        <Field label="Tháng" error={errorOn('period')}>
          {(p) => (
            <select {...p} value={value.month} onChange={(e) => set({ month: +e.target.value })}>
              {Array.from({ length: 12 }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  Tháng {i + 1}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {value.kind === 'quarter' ? (
        <Field label="Quý" error={errorOn('period')}>
          {(p) => (
            <select {...p} value={value.quarter} onChange={(e) => set({ quarter: +e.target.value })}>
              {['I', 'II', 'III', 'IV'].map((q, i) => (
                <option key={q} value={i + 1}>
                  Quý {q}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {value.kind === 'custom' ? (
        <>
          <Field label="Từ ngày" error={errorOn('from')}>
            {(p) => <input {...p} type="date" value={value.from} max={today} onChange={(e) => set({ from: e.target.value })} />}
          </Field>
          <Field label="Đến ngày" error={errorOn('to')}>
            {(p) => <input {...p} type="date" value={value.to} min={value.from} onChange={(e) => set({ to: e.target.value })} />}
          </Field>
        </>
      ) : (
        yearField
      )}
    </div>
  );
}
