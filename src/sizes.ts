/**
 * A size against its limit in words, for "X is N; at most M" messages. Rounded to the limit's
 * unit, a file one byte over the limit read "256 KB; at most 256 KB": when the two would read the
 * same, both are given in bytes, so the message always shows the difference.
 */
const units: [string, number][] = [
  ['GB', 1024 ** 3],
  ['MB', 1024 ** 2],
  ['KB', 1024],
];

/** A byte count in the largest unit it fills, to one decimal (".0" dropped), or in bytes. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1)).toLocaleString('en')} ${unit}`;
  }
  return byteCount(bytes);
}

const byteCount = (bytes: number) => `${bytes.toLocaleString('en')} byte${bytes === 1 ? '' : 's'}`;

/** The size and the limit as they should be printed together: in units, or in bytes when those would read the same. */
export function sizeAgainstLimit(bytes: number, limit: number): { size: string; limit: string } {
  const size = formatBytes(bytes);
  const most = formatBytes(limit);
  return size === most && bytes !== limit ? { size: byteCount(bytes), limit: byteCount(limit) } : { size, limit: most };
}
