/** 2500 → '25 %', 1250 → '12.5 %'. */
export function formatVatRate(rateBp: number): string {
  const whole = Math.trunc(rateBp / 100);
  const rest = Math.abs(rateBp % 100);
  return rest === 0 ? `${whole} %` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')} %`;
}
