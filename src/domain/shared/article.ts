// Chinese article labels: 66 → 第六十六条. Used in every message that cites the rules.
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`不支持的数字：${n}`);
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (rest === 0) return DIGITS[h] + '百';
  if (rest < 10) return DIGITS[h] + '百零' + DIGITS[rest];
  return DIGITS[h] + '百' + DIGITS[Math.floor(rest / 10)] + '十' + (rest % 10 ? DIGITS[rest % 10] : '');
}

/** 66 → 第六十六条 */
export const articleLabel = (article: number): string => `第${chineseNumber(article)}条`;

/** 66 → 依据第六十六条 */
export const basedOn = (article: number): string => `依据${articleLabel(article)}`;
