/** "in 12 days", "tomorrow", "today", "1 day overdue", "30 days overdue"; "unknown" without a valid renewal date. */
export function formatDaysToRenewal(days: number | null): string {
  if (days === null || Number.isNaN(days)) return 'unknown';
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days > 1) return `in ${days} days`;
  const overdue = -days;
  return `${overdue} ${overdue === 1 ? 'day' : 'days'} overdue`;
}
