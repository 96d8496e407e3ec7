/** The processing screens' names for the API's types, and their formatting. */
import { EVENT_LABELS } from '../labels';
import type { Dossier, Officer as OfficerView, WorkRole } from '../types';

/** The current step as the API gives it, with the server's own clock applied (overdue, working minutes left). */
export type WorkStep = NonNullable<Dossier['currentStep']>;
export type WorkDossier = Dossier;
export type Officer = OfficerView;

/** The roles that work dossiers (a step names one of them). */
export const WORK_ROLES: WorkRole[] = ['reception', 'specialist', 'leader', 'clerk'];

/** "3 giờ 30 phút", "45 phút", "2 giờ": a working duration (no day unit: office days differ between agencies). */
export function formatWorkingMinutes(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (!h) return `${rest} phút`;
  return rest ? `${h} giờ ${rest} phút` : `${h} giờ`;
}

/** "còn 30 phút làm việc" or "quá hạn 2 giờ làm việc"; empty while the step's clock is stopped. */
export function stepTimeLeft(step: WorkStep | null): string {
  if (!step || step.workingMinutesLeft === null || step.workingMinutesLeft === undefined) return '';
  const text = formatWorkingMinutes(step.workingMinutesLeft);
  return step.overdue ? `quá hạn ${text} làm việc` : `còn ${text} làm việc`;
}

export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? type;
}

export const SUSPEND_REASON_LABELS: Record<string, string> = {
  financial_obligation: 'Chờ thực hiện nghĩa vụ tài chính',
  other: 'Lý do khác',
};
