/** "2 h 05 min" from a number of minutes. */
export function duration(minutes: number): string {
  const whole = Math.abs(Math.round(minutes));
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const rest = whole % 60;
  return [
    days ? `${days} j` : '',
    hours ? `${hours} h` : '',
    `${String(rest).padStart(days || hours ? 2 : 1, '0')} min`,
  ]
    .filter(Boolean)
    .join(' ');
}
