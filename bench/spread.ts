import { median, round, type Figure } from './figure';

/** One measurement over several runs as three figures: min, median and max (machines are noisy; one number hides it). */
export function spread(name: string, values: readonly number[], unit: string, digits = 1): Figure[] {
  const sorted = [...values].sort((a, b) => a - b);
  const of = `of ${values.length}`;
  return [
    { name: `${name} (min ${of})`, value: round(sorted[0] ?? NaN, digits), unit },
    { name: `${name} (median ${of})`, value: round(median(sorted), digits), unit },
    { name: `${name} (max ${of})`, value: round(sorted[sorted.length - 1] ?? NaN, digits), unit },
  ];
}
