/** The working calendar, a month at a time: holidays and swapped working Saturdays are set per date (PUT), or cleared (DELETE). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EditForm, SavedNotice, useEditor } from '../admin/edit-form';
import { fieldErrorsOf, SaveError } from '../admin/field-errors';
import { call, client } from '../api';
import { ErrorBox, Field, Loading, Page } from '../components';
import { invalidateDeadlines, recomputeMessage } from '../dossier/queries';
import { todayLocal } from '../format';
import { monthPeriod, vnDate } from '../supervisor/period';
import type { CalendarDay, CalendarDayChange } from '../types';


const WEEKDAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

// Dates are handled as UTC midnights: only the calendar date matters, never the PC's time zone.
const utc = (date: string) => new Date(`${date}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, n: number) => iso(new Date(utc(date).getTime() + n * 86_400_000));
/** 0 = Monday … 6 = Sunday. */
const weekdayIndex = (date: string) => (utc(date).getUTCDay() + 6) % 7;
const isWeekday = (date: string) => weekdayIndex(date) < 5;
const isException = (d: CalendarDay) => d.working !== isWeekday(d.date) || d.note !== null;

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  return iso(new Date(Date.UTC(y, m - 1 + delta, 1))).slice(0, 7);
}

function statusText(d: CalendarDay): string {
  if (d.working) return isWeekday(d.date) ? 'Làm việc' : 'Làm việc (làm bù)';
  return isWeekday(d.date) ? 'Nghỉ (lễ, Tết)' : 'Nghỉ';
}

export default function CalendarPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('thang') ?? '';
  const today = todayLocal();
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : today.slice(0, 7);
  const [year, monthNumber] = month.split('-').map(Number);
  const { from, to } = monthPeriod(year, monthNumber);
  const editor = useEditor<CalendarDay>();
  const selected = editor.editing;
  const q = useQuery({ queryKey: ['calendar', from, to], queryFn: () => call(client.GET('/api/v1/calendar/days', { params: { query: { from, to } } })) });

  const goTo = (m: string) => {
    editor.close();
    setParams({ thang: m });
  };
  const focusDay = (date: string) => document.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`)?.focus();

  function onGridKey(e: KeyboardEvent) {
    const date = (e.target as HTMLElement).dataset.date;
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[e.key];
    if (!date || !step) return;
    const next = addDays(date, step);
    if (next < from || next > to) return;
    e.preventDefault();
    focusDay(next);
  }

  const days = q.data?.items ?? [];
  const lead = days.length ? weekdayIndex(days[0].date) : 0;
  const cells: (CalendarDay | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const title = `Tháng ${monthNumber} năm ${year}`;

  return (
    <Page title="Lịch làm việc">
      <p className="muted">
        Mặc định làm việc từ thứ Hai đến thứ Sáu. Ở đây chỉ ghi các ngày khác mặc định: ngày lễ, Tết, nghỉ bù, và thứ Bảy làm bù. Lịch này áp dụng
        chung cho mọi cơ quan; giờ làm việc trong ngày của từng cơ quan đặt ở trang Cơ quan, đơn vị.
      </p>
      <div className="row admin-month-nav">
        <button type="button" className="btn" onClick={() => goTo(shiftMonth(month, -1))}>
          ← Tháng trước
        </button>
        <Field label="Chọn tháng">
          {(p) => <input {...p} type="month" value={month} onChange={(e) => e.target.value && goTo(e.target.value)} />}
        </Field>
        <button type="button" className="btn" onClick={() => goTo(shiftMonth(month, 1))}>
          Tháng sau →
        </button>
        <button type="button" className="btn" onClick={() => goTo(today.slice(0, 7))}>
          Tháng này
        </button>
      </div>
      <SavedNotice message={editor.done} />
      <ErrorBox error={q.error} />
      <div className="admin-calendar">
        {q.isPending ? (
          <Loading />
        ) : (
          <div className="table-wrap">
            <table className="admin-month" onKeyDown={onGridKey}>
              <caption>{title}</caption>
              <thead>
                <tr>
                  {WEEKDAYS.map((w) => (
                    <th key={w} scope="col">
                      {w}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week, w) => (
                  <tr key={w}>
                    {week.map((d, i) =>
                      d ? (
                        <td key={d.date}>
                          <button
                            type="button"
                            data-date={d.date}
                            className={`admin-day${d.working ? '' : ' admin-day-off'}${isException(d) ? ' admin-day-exception' : ''}`}
                            aria-current={d.date === today ? 'date' : undefined}
                            aria-pressed={selected?.date === d.date}
                            aria-label={`${WEEKDAYS[weekdayIndex(d.date)]} ${vnDate(d.date)}: ${statusText(d)}${d.note ? `, ${d.note}` : ''}`}
                            onClick={() => editor.open(d)}
                          >
                            <span className="admin-day-number">{Number(d.date.slice(8))}</span>
                            <span className="admin-day-status">{statusText(d)}</span>
                            {d.note ? <span className="admin-day-note">{d.note}</span> : null}
                          </button>
                        </td>
                      ) : (
                        <td key={`empty-${i}`} aria-hidden="true" />
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted admin-legend">
              Chọn một ngày (chuột, Tab hoặc phím mũi tên rồi Enter) để đặt ngày nghỉ hoặc ngày làm bù. Ngày có viền đậm là ngày khác lịch mặc định.
            </p>
          </div>
        )}
        {selected ? (
          <DayForm
            key={selected.date}
            day={selected}
            onClose={() => {
              editor.close();
              focusDay(selected.date);
            }}
            onSaved={(message) => {
              editor.saved(message);
              focusDay(selected.date);
            }}
          />
        ) : null}
      </div>
    </Page>
  );
}

function DayForm({ day, onClose, onSaved }: { day: CalendarDay; onClose: () => void; onSaved: (message: string) => void }) {
  const queryClient = useQueryClient();
  const exception = isException(day);
  // A default day is most likely being flipped: a weekday into a holiday, a Saturday into a make-up working day.
  const [working, setWorking] = useState(exception ? day.working : !day.working);
  const [note, setNote] = useState(day.note ?? '');
  const label = `${WEEKDAYS[weekdayIndex(day.date)]} ${vnDate(day.date)}`;
  const done = (d: CalendarDayChange, cleared: boolean) => {
    void queryClient.invalidateQueries({ queryKey: ['calendar'] });
    if (d.recompute.recomputedDossiers) invalidateDeadlines(queryClient);
    else void queryClient.invalidateQueries({ queryKey: ['calendar-days'] });
    const what = cleared ? 'đã về lịch mặc định' : d.working ? 'là ngày làm việc' : 'là ngày nghỉ';
    onSaved(`Đã lưu: ${label} ${what}${d.note ? ` (${d.note})` : ''}.${recomputeMessage(d.recompute)}`);
  };
  const save = useMutation({
    mutationFn: () => call(client.PUT('/api/v1/calendar/days/{date}', { params: { path: { date: day.date } }, body: { working, note } })),
    onSuccess: (d) => done(d, false),
  });
  const clear = useMutation({
    mutationFn: () => call(client.DELETE('/api/v1/calendar/days/{date}', { params: { path: { date: day.date } } })),
    onSuccess: (d) => done(d, true),
  });
  const errors = fieldErrorsOf(save.error);
  const busy = save.isPending || clear.isPending;

  return (
    <EditForm title={label} className="admin-day-form" onSubmit={() => save.mutate()}>
      <p>
        Hiện tại: <strong>{statusText(day)}</strong>
        {day.note ? ` (${day.note})` : ''}
        {exception ? ', khác lịch mặc định.' : ', theo lịch mặc định.'}
      </p>
      <div className="alert alert-warn">
        Khi lưu, ngày hẹn trả và hạn từng bước của mọi hồ sơ đang giải quyết sẽ được tính lại theo lịch mới, và có thể sớm hơn hoặc muộn hơn.
      </div>
      <SaveError error={save.error} fields={errors} />
      <ErrorBox error={clear.error} />
      <fieldset>
        <legend>Ngày này là</legend>
        <label className="check">
          <input type="radio" name="working" checked={!working} onChange={() => setWorking(false)} />
          <span>Ngày nghỉ (lễ, Tết, nghỉ bù)</span>
        </label>
        <label className="check">
          <input type="radio" name="working" checked={working} onChange={() => setWorking(true)} />
          <span>Ngày làm việc (ví dụ thứ Bảy làm bù)</span>
        </label>
        {errors.working ? <p className="field-error">{errors.working}</p> : null}
      </fieldset>
      <Field label="Ghi chú" error={errors.note} hint="Ví dụ: Nghỉ Tết Nguyên đán; Làm bù cho thứ Sáu 02/01">
        {(p) => <input {...p} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {save.isPending ? 'Đang lưu…' : 'Lưu ngày này'}
        </button>
        {exception ? (
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => clear.mutate()}>
            {clear.isPending ? 'Đang xóa…' : 'Xóa ngoại lệ, về lịch mặc định'}
          </button>
        ) : null}
        <button type="button" className="btn" onClick={onClose}>
          Đóng
        </button>
      </div>
    </EditForm>
  );
}
