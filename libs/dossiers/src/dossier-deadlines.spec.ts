import { formatLocal, WorkingCalendar } from '@app/calendar';
import type { ProcedureDuration, PublishedProcedure } from '@app/procedures';
import { latestExtension, latestExtensionSend, stepAgencyOf } from './dossier-deadlines';

const calendar = new WorkingCalendar({ exceptions: [] });

function procedure(processingTime: ProcedureDuration, onlineProcessingTime: ProcedureDuration | null = null): PublishedProcedure {
  return {
    code: 'P',
    version: 1,
    createdAt: new Date(0),
    name: 'P',
    field: 'F',
    level: 'commune',
    processingTime,
    onlineProcessingTime,
    cutoff: null,
    supplementPolicy: 'restart',
    steps: [{ id: 'receive', name: 'Tiếp nhận', role: 'reception', allotted: { value: 1, unit: 'working_hours' } }],
    requiredDocuments: [],
    fee: 0,
  };
}

// Thursday 26 November 2026, 09:00 in Vietnam; no holiday until the new year.
const dueAt = new Date('2026-11-26T09:00:00+07:00');
const latest = (p: PublishedProcedure, factor = 1, channel = 'direct') => formatLocal(latestExtension({ dueAt, channel: channel as 'direct' }, p, calendar, factor));

describe('latestExtensionSend: the apology at least the lead time in working days before the appointment', () => {
  const lastSend = (due: string, days: number, cal = calendar) => formatLocal(latestExtensionSend({ dueAt: new Date(due) }, cal, days));

  it('counts working days back on the calendar, not hours', () => {
    expect(lastSend('2026-11-26T09:00:00+07:00', 1)).toBe('2026-11-25T09:00:00+07:00');
    // Due Monday 09:00: the last moment is Friday 09:00 (the weekend does not count).
    expect(lastSend('2026-11-30T09:00:00+07:00', 1)).toBe('2026-11-27T09:00:00+07:00');
    expect(lastSend('2026-11-26T09:00:00+07:00', 2)).toBe('2026-11-24T09:00:00+07:00');
    // A holiday on Wednesday 25/11: one working day before Thursday 09:00 is Tuesday 09:00.
    const withHoliday = new WorkingCalendar({ exceptions: [{ date: '2026-11-25', working: false }] });
    expect(lastSend('2026-11-26T09:00:00+07:00', 1, withHoliday)).toBe('2026-11-24T09:00:00+07:00');
  });

  it('is dueAt itself with no lead time', () => {
    expect(lastSend('2026-11-26T09:00:00+07:00', 0)).toBe('2026-11-26T09:00:00+07:00');
  });
});

describe('latestExtension: at most the processing time again past the appointment', () => {
  it('counts in the procedure’s own unit on the working calendar', () => {
    // 3 working days past Thursday 09:00 skip the weekend.
    expect(latest(procedure({ value: 3, unit: 'working_days' }))).toBe('2026-12-01T09:00:00+07:00');
    // 2 working hours: 11:00 the same morning.
    expect(latest(procedure({ value: 2, unit: 'working_hours' }))).toBe('2026-11-26T11:00:00+07:00');
    // Calendar days end at the close of the day (or of the next working day).
    expect(latest(procedure({ value: 15, unit: 'calendar_days' }))).toBe('2026-12-11T17:00:00+07:00');
  });

  it('uses the online processing time for an online dossier', () => {
    const p = procedure({ value: 10, unit: 'working_days' }, { value: 2, unit: 'working_days' });
    expect(latest(p, 1, 'online')).toBe('2026-11-30T09:00:00+07:00');
    expect(latest(p, 1, 'direct')).toBe('2026-12-10T09:00:00+07:00');
  });

  it('scales by the factor, whole units rounded up and hours kept exact', () => {
    expect(latest(procedure({ value: 3, unit: 'working_days' }), 2)).toBe('2026-12-04T09:00:00+07:00');
    // 1.5 × 3 days = 4.5: five days, never less than the factor allows.
    expect(latest(procedure({ value: 3, unit: 'working_days' }), 1.5)).toBe('2026-12-03T09:00:00+07:00');
    // 1.1 × 10 = 11 exactly, not 11.000000000000002 rounded up to 12.
    expect(latest(procedure({ value: 10, unit: 'working_days' }), 1.1)).toBe('2026-12-11T09:00:00+07:00');
    expect(latest(procedure({ value: 2, unit: 'working_hours' }), 0.5)).toBe('2026-11-26T10:00:00+07:00');
  });
});

describe('stepAgencyOf', () => {
  const dossier = { agencyCode: 'H12.01', receivingAgencyCode: 'H12.01.07' };
  const step = procedure({ value: 1, unit: 'working_days' }).steps[0];
  it('is the resolving agency when the step names none', () => {
    expect(stepAgencyOf(dossier, step)).toBe('H12.01');
    expect(stepAgencyOf(dossier, { ...step, agency: { relation: 'resolving' } })).toBe('H12.01');
  });
  it('is the receiving desk or a named agency when the step says so', () => {
    expect(stepAgencyOf(dossier, { ...step, agency: { relation: 'receiving' } })).toBe('H12.01.07');
    expect(stepAgencyOf(dossier, { ...step, agency: { code: 'H12.20' } })).toBe('H12.20');
  });
});
