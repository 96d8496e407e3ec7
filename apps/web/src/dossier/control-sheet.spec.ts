import { describe, expect, it } from '@jest/globals';
import type { DossierEvent } from '../types';
import { stepRows } from './control-sheet';
import { workingMinutesBetween } from './working-time';

let seq = 0;
const ev = (type: DossierEvent['type'], at: string, fromStep: string | null, toStep: string | null, more: Partial<DossierEvent> = {}): DossierEvent => ({
  seq: ++seq,
  type,
  at,
  actor: { id: 'u', username: more.actor?.username ?? 'officer' },
  fromStatus: null,
  toStatus: 'processing',
  fromStep,
  toStep,
  fromAgency: null,
  toAgency: null,
  stepDueAt: null,
  stepOnTime: null,
  note: null,
  data: {},
  ...more,
});

describe('the process control sheet: one row per step worked', () => {
  it('opens a row on entering a step and closes it with the on-time mark of the event that leaves it', () => {
    const rows = stepRows([
      ev('RECEIVE', '2026-11-23T09:00:00+07:00', null, 'receive', { stepDueAt: '2026-11-23T15:00:00+07:00' }),
      ev('FORWARD', '2026-11-23T10:00:00+07:00', 'receive', 'appraise', { stepOnTime: true, stepDueAt: '2026-11-24T16:30:00+07:00', actor: { id: 'r', username: 'reception' } }),
      ev('ASSIGN', '2026-11-23T10:05:00+07:00', 'appraise', 'appraise', { data: { assigneeId: 'u-1' }, stepDueAt: '2026-11-24T16:30:00+07:00' }),
      ev('STEP_OVERDUE', '2026-11-24T16:31:00+07:00', 'appraise', 'appraise', { stepDueAt: '2026-11-24T16:30:00+07:00' }),
      ev('RETURN', '2026-11-25T08:00:00+07:00', 'appraise', 'receive', { stepOnTime: false, stepDueAt: '2026-11-25T12:00:00+07:00', actor: { id: 's', username: 'specialist' } }),
      ev('FORWARD', '2026-11-25T09:00:00+07:00', 'receive', 'appraise', { stepOnTime: true, stepDueAt: '2026-11-26T10:00:00+07:00' }),
    ]);
    expect(rows.map((r) => [r.stepId, r.finishedBy, r.endedBy, r.onTime])).toEqual([
      ['receive', 'reception', 'FORWARD', true],
      ['appraise', 'specialist', 'RETURN', false],
      ['receive', 'officer', 'FORWARD', true],
      ['appraise', null, null, null],
    ]);
    expect(rows[1]).toMatchObject({ startedAt: '2026-11-23T10:00:00+07:00', dueAt: '2026-11-24T16:30:00+07:00', finishedAt: '2026-11-25T08:00:00+07:00', assigneeId: 'u-1' });
  });

  it('keeps the latest deadline of a step (a suspension moves it) and ends the last step at COMPLETE', () => {
    const rows = stepRows([
      ev('RECEIVE', '2026-11-23T09:00:00+07:00', null, 'sign', { stepDueAt: '2026-11-23T10:00:00+07:00' }),
      ev('SUSPEND', '2026-11-23T09:10:00+07:00', 'sign', 'sign', { stepDueAt: '2026-11-23T10:00:00+07:00' }),
      ev('RESUME', '2026-11-23T09:40:00+07:00', 'sign', 'sign', { stepDueAt: '2026-11-23T10:30:00+07:00' }),
      ev('COMPLETE', '2026-11-23T10:20:00+07:00', 'sign', null, { stepOnTime: true }),
      ev('DELIVER', '2026-11-23T10:30:00+07:00', null, null),
    ]);
    expect(rows).toEqual([expect.objectContaining({ stepId: 'sign', dueAt: '2026-11-23T10:30:00+07:00', finishedAt: '2026-11-23T10:20:00+07:00', endedBy: 'COMPLETE', onTime: true })]);
  });

  it('ends a step at the supplement request when the supplement restarts the dossier from the first step, unjudged', () => {
    const rows = stepRows([
      ev('RECEIVE', '2026-11-23T09:00:00+07:00', null, 'receive'),
      ev('REQUEST_SUPPLEMENT', '2026-11-23T09:30:00+07:00', 'receive', 'receive', { actor: { id: 'r', username: 'desk' } }),
      ev('SUPPLEMENT_RECEIVED', '2026-11-25T08:00:00+07:00', 'receive', 'receive', { data: { policy: 'restart' } }),
    ]);
    expect(rows.map((r) => [r.stepId, r.startedAt, r.finishedAt, r.finishedBy, r.endedBy, r.onTime])).toEqual([
      ['receive', '2026-11-23T09:00:00+07:00', '2026-11-23T09:30:00+07:00', 'desk', 'REQUEST_SUPPLEMENT', null],
      ['receive', '2026-11-25T08:00:00+07:00', null, null, null, null],
    ]);
  });

  it('names the agency that held each step: the receiving desk first, then each handover (liên thông) until the next one', () => {
    const rows = stepRows(
      [
        ev('RECEIVE', '2026-11-23T09:00:00+07:00', null, 'receive'),
        ev('FORWARD', '2026-11-23T10:00:00+07:00', 'receive', 'appraise', { fromAgency: 'H12.81', toAgency: 'H12.82' }),
        ev('REQUEST_SUPPLEMENT', '2026-11-23T11:00:00+07:00', 'appraise', 'appraise'),
        ev('SUPPLEMENT_RECEIVED', '2026-11-24T08:00:00+07:00', 'appraise', 'appraise', { data: { policy: 'pause' } }),
        ev('FORWARD', '2026-11-24T09:00:00+07:00', 'appraise', 'tax', { fromAgency: 'H12.82', toAgency: 'H12.83' }),
        ev('RETURN', '2026-11-24T10:00:00+07:00', 'tax', 'appraise', { fromAgency: 'H12.83', toAgency: 'H12.82' }),
        ev('FORWARD', '2026-11-24T11:00:00+07:00', 'appraise', 'sign'),
      ],
      'H12.81',
    );
    expect(rows.map((r) => [r.stepId, r.agencyCode])).toEqual([
      ['receive', 'H12.81'],
      ['appraise', 'H12.82'],
      ['tax', 'H12.83'],
      ['appraise', 'H12.82'],
      ['sign', 'H12.82'],
    ]);
    // A dossier whose intake handed it straight to another agency starts there.
    expect(stepRows([ev('RECEIVE', '2026-11-23T09:00:00+07:00', null, 'appraise', { fromAgency: 'H12.81', toAgency: 'H12.82' })], 'H12.81')[0].agencyCode).toBe('H12.82');
  });
});

describe('working minutes between two instants', () => {
  const hours = [
    { from: '07:30', to: '11:30' },
    { from: '13:30', to: '17:00' },
  ];
  const weekdays = (date: string) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

  it('counts office hours only: Monday 10:00 to Thursday 10:00 is three working days of 7.5 hours', () => {
    expect(workingMinutesBetween('2026-11-23T10:00:00+07:00', '2026-11-26T10:00:00+07:00', hours, weekdays)).toBe(3 * 450);
  });

  it('skips the lunch break, nights, weekends and holidays, whatever the zone of the timestamps', () => {
    expect(workingMinutesBetween('2026-11-23T11:00:00+07:00', '2026-11-23T14:00:00+07:00', hours, weekdays)).toBe(60);
    expect(workingMinutesBetween('2026-11-27T16:00:00+07:00', '2026-11-30T08:30:00+07:00', hours, weekdays)).toBe(120);
    expect(workingMinutesBetween('2026-11-27T09:00:00Z', '2026-11-30T01:30:00Z', hours, weekdays)).toBe(120);
    const holiday = (date: string) => weekdays(date) && date !== '2026-11-24';
    expect(workingMinutesBetween('2026-11-23T17:00:00+07:00', '2026-11-25T07:30:00+07:00', hours, holiday)).toBe(0);
  });

  it('is zero for an empty or reversed span', () => {
    expect(workingMinutesBetween('2026-11-23T10:00:00+07:00', '2026-11-23T10:00:00+07:00', hours, weekdays)).toBe(0);
    expect(workingMinutesBetween('2026-11-23T11:00:00+07:00', '2026-11-23T10:00:00+07:00', hours, weekdays)).toBe(0);
  });
});
