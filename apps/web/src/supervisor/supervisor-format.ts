/** Words and numbers the supervisor's screens show beyond src/format.ts. */

const clock = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** "14:05:09" in Vietnam's time. */
export function formatClock(t: number | string | Date): string {
  return clock.format(new Date(t));
}

/** How long ago a due time passed, in calendar time ("3 ngày 2 giờ", "45 phút"); what a citizen waiting counts. */
export function formatLate(dueAt: string, asOf: string): string {
  const minutes = Math.max(0, Math.floor((new Date(asOf).getTime() - new Date(dueAt).getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  if (hours > 0) return `${hours} giờ ${minutes % 60} phút`;
  return `${minutes} phút`;
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('vi-VN');
}
