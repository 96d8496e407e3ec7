/** Dates as a Vietnamese office reads them, always in Asia/Ho_Chi_Minh whatever the PC's own zone. */
import { UNIT_LABELS } from './labels';
import type { Duration } from './types';

const ZONE = 'Asia/Ho_Chi_Minh';
const dateTime = new Intl.DateTimeFormat('vi-VN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hour12: false });
const weekday = new Intl.DateTimeFormat('vi-VN', { timeZone: ZONE, weekday: 'long' });

/** "14:30 ngày 25/11/2026" */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const parts = Object.fromEntries(dateTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

/** "thứ Tư, 14:30 ngày 25/11/2026": the appointment as printed on a receipt. */
export function formatAppointment(iso: string | null | undefined): string {
  return iso ? `${weekday.format(new Date(iso))}, ${formatDateTime(iso)}` : '—';
}

export function formatDuration(d: Duration | null | undefined): string {
  return d ? `${d.value.toLocaleString('vi-VN')} ${UNIT_LABELS[d.unit]}` : '—';
}

export function formatPercent(share: number | null | undefined): string {
  return share === null || share === undefined || Number.isNaN(share) ? '—' : `${(share * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

export function formatMoney(vnd: number): string {
  return `${vnd.toLocaleString('vi-VN')} đồng`;
}

/** Today's local date (YYYY-MM-DD) in Vietnam. */
export function todayLocal(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(now);
}
