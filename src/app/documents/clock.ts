/** The calendar day of an instant in Asia/Shanghai (the pack's time zone; no daylight saving). */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
