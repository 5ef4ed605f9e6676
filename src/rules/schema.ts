// The shape of a rule pack, validated at load. A pack is data: every time limit, quorum, count and list
// that the rules name lives here with its article, so another government can run the product by
// shipping a different pack (RULES.md §0).
import { z } from 'zod';

/** A calendar date in the pack's time zone, written YYYY-MM-DD. */
export type IsoDate = string;

export const UNITS = ['workday', 'day', 'month', 'year', 'hour', 'count', 'fraction', 'text', 'list', 'bool'] as const;
export type Unit = (typeof UNITS)[number];
/** Units a time limit can be counted in; working days and natural days are never mixed (第五十九条). */
export const DURATION_UNITS = ['workday', 'day', 'month', 'year', 'hour'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const KINDS = ['deadline', 'quorum', 'block', 'flag', 'routing', 'track', 'parameter'] as const;
export type RuleKind = (typeof KINDS)[number];

const RULE_ID = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;
const FRACTION = /^([1-9]\d*)\/([1-9]\d*)$/;

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const isoDateSchema = z
  .string({ error: '应为日期（YYYY-MM-DD）' })
  .refine(isRealDate, { error: (iss) => `无效的日期 "${String(iss.input)}"（应为 YYYY-MM-DD）` });

export const ruleIdSchema = z
  .string({ error: '应为规则编号' })
  .regex(RULE_ID, { error: (iss) => `无效的规则编号 "${String(iss.input)}"（应为以点分隔的小驼峰段，如 documents.countersign.replyLimit）` });

const text = (what: string) => z.string({ error: `${what}应为文本` }).min(1, { error: `${what}不能为空` });

export const paramValueSchema = z.union(
  [z.number(), z.string(), z.boolean(), z.array(z.union([z.string(), z.number()]))],
  { error: '参数值应为数字、文本、布尔值或列表' },
);
export type ParamValue = z.infer<typeof paramValueSchema>;

/** Is this value acceptable for this unit? Returns a Chinese problem, or null. */
export function checkValueForUnit(value: unknown, unit: Unit | undefined): string | null {
  switch (unit) {
    case undefined:
      return null;
    case 'workday':
    case 'day':
    case 'month':
    case 'year':
    case 'hour':
    case 'count':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0
        ? null
        : `单位为 ${unit} 的参数值应为非负数，实际为 ${JSON.stringify(value)}`;
    case 'fraction': {
      const m = typeof value === 'string' ? FRACTION.exec(value) : null;
      return m && Number(m[1]) <= Number(m[2]) ? null : `分数应写作 "a/b"（0 < a ≤ b），实际为 ${JSON.stringify(value)}`;
    }
    case 'text':
      return typeof value === 'string' && value.length > 0 ? null : `单位为 text 的参数值应为非空文本，实际为 ${JSON.stringify(value)}`;
    case 'list':
      return Array.isArray(value) ? null : `单位为 list 的参数值应为列表，实际为 ${JSON.stringify(value)}`;
    case 'bool':
      return typeof value === 'boolean' ? null : `单位为 bool 的参数值应为 true 或 false，实际为 ${JSON.stringify(value)}`;
  }
}

export const unitSchema = z.enum(UNITS, { error: (iss) => `无效的单位 "${String(iss.input)}"` });

export const paramSchema = z
  .strictObject({
    value: paramValueSchema,
    unit: unitSchema.optional(),
    note: text('说明').optional(),
    /** why this value was chosen, when it is a reading or an illustrative choice rather than the text's number */
    interpretation: text('解释').optional(),
  })
  .superRefine((p, ctx) => {
    const problem = checkValueForUnit(p.value, p.unit);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });
export type Param = z.infer<typeof paramSchema>;

export const citationSchema = z.strictObject({
  /** the law or document, e.g. 《中华人民共和国政府信息公开条例》 */
  title: text('法规名称'),
  /** its article, e.g. 第三十三条 (text, since it is another document's numbering) */
  article: text('条款').optional(),
  note: text('说明').optional(),
});
export type Citation = z.infer<typeof citationSchema>;

export const effectiveSchema = z.strictObject({
  /** first day in force (defaults to the pack's effective date) */
  from: isoDateSchema.optional(),
  /** first day no longer in force (exclusive), like a repeal date */
  to: isoDateSchema.optional(),
});

export const ruleSchema = z
  .strictObject({
    id: ruleIdSchema,
    article: z.int({ error: '条号应为整数' }).min(1, { error: '条号应不小于 1' }),
    clause: text('款项').optional(),
    label: text('名称'),
    kind: z.enum(KINDS, { error: (iss) => `无效的规则类型 "${String(iss.input)}"（应为 ${KINDS.join(' / ')}）` }),
    params: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/, { error: '参数名应为小驼峰英文' }), paramSchema).default({}),
    /** where the article itself allows another limit (第六十六条 除主办部门另有时限要求外 …) */
    overridable: z
      .strictObject({ by: text('可另定时限的主体'), cite: text('条文原句'), note: text('说明').optional() })
      .optional(),
    effective: effectiveSchema.optional(),
    /** the statute a value comes from, when the article only anchors it (政府信息公开条例, 信访工作条例 …) */
    source: citationSchema.optional(),
    /** related rules (validated: every id must exist) */
    see: z.array(ruleIdSchema).optional(),
    note: text('说明').optional(),
    /** set when the rule is our reading of the article rather than its words */
    interpretation: text('解释').optional(),
  })
  .superRefine((r, ctx) => {
    if ('label' in r.params)
      ctx.addIssue({ code: 'custom', path: ['params', 'label'], message: '参数名 label 保留给继承规则包的 overrides（改写规则名称），不能用作参数名' });
    if (r.kind === 'deadline') {
      const d = r.params.duration;
      if (!d) ctx.addIssue({ code: 'custom', path: ['params', 'duration'], message: '时限规则缺少参数 duration' });
      else if (!(DURATION_UNITS as readonly string[]).includes(d.unit ?? ''))
        ctx.addIssue({
          code: 'custom',
          path: ['params', 'duration', 'unit'],
          message: `时限的单位应为 ${DURATION_UNITS.join(' / ')}，实际为 "${d.unit ?? '（未写）'}"`,
        });
      const f = r.params.from;
      if (!f) ctx.addIssue({ code: 'custom', path: ['params', 'from'], message: '时限规则缺少起算事件 from' });
      else if (f.unit !== 'text' || typeof f.value !== 'string')
        ctx.addIssue({ code: 'custom', path: ['params', 'from'], message: '起算事件 from 应为 text 单位的事件名' });
    }
    if (r.kind === 'quorum') {
      const f = r.params.fraction;
      if (!f || f.unit !== 'fraction')
        ctx.addIssue({ code: 'custom', path: ['params', 'fraction'], message: '法定人数规则缺少 fraction（单位 fraction）' });
      const b = r.params.bound;
      if (!b || (b.value !== 'inclusive' && b.value !== 'exclusive'))
        ctx.addIssue({ code: 'custom', path: ['params', 'bound'], message: '法定人数规则的 bound 应为 inclusive 或 exclusive' });
    }
    if (r.effective?.from && r.effective.to && r.effective.to <= r.effective.from)
      ctx.addIssue({ code: 'custom', path: ['effective', 'to'], message: '失效日期应晚于生效日期' });
  });
export type RuleInput = z.infer<typeof ruleSchema>;

export const rulesFileSchema = z.array(ruleSchema, { error: '规则文件应为规则列表' });

export const NOT_FORMALISED_REASONS = ['principle', 'ideology', 'conductOutsidePlatform'] as const;
export const notFormalisedSchema = z.array(
  z.strictObject({
    article: z.int({ error: '条号应为整数' }).min(1, { error: '条号应不小于 1' }),
    reason: z.enum(NOT_FORMALISED_REASONS, {
      error: (iss) => `无效的理由 "${String(iss.input)}"（应为 ${NOT_FORMALISED_REASONS.join(' / ')}）`,
    }),
    /** why, in Chinese */
    note: text('说明'),
  }),
  { error: '未形式化清单应为列表' },
);
export type NotFormalised = z.infer<typeof notFormalisedSchema>[number];

/** How a convention is grounded: a statute, a rule borrowed from another field of law, or our own design. */
const basisSchema = z.enum(['statute', 'borrowed', 'design'], {
  error: (iss) => `无效的依据类型 "${String(iss.input)}"（应为 statute / borrowed / design）`,
});
const convention = <T extends z.ZodType>(value: T) =>
  z.strictObject({ value, basis: basisSchema, cite: text('出处'), note: text('说明').optional() });

export const conventionsSchema = z.strictObject({
  /** the day a period starts counting: the day after the triggering event */
  countFrom: convention(z.enum(['nextDay', 'sameDay'])),
  /** which boundary words include the stated number */
  inclusiveBound: convention(
    z.strictObject({ inclusive: z.array(z.string()).min(1), exclusive: z.array(z.string()).min(1) }),
  ),
  /** a natural-day period ending on a day off ends on the next working day */
  naturalDayEndRollsToWorkday: convention(z.boolean()),
  /** a deadline in a year without a loaded holiday arrangement */
  unknownCalendarYear: convention(z.enum(['flag', 'refuse'])),
  /** which pack governs an item that straddles a change of pack */
  packForStraddlingItems: convention(z.enum(['itemStart', 'current'])),
});
export type Conventions = z.infer<typeof conventionsSchema>;

const overrideValueSchema = z.union([
  paramValueSchema,
  z.strictObject({ value: paramValueSchema, note: text('说明').optional(), interpretation: text('解释').optional() }),
]);

/** One word a derived pack says differently from its base: 市长 → 区长. */
export const vocabularyEntrySchema = z.strictObject({
  from: text('原词'),
  to: text('替换词'),
  note: text('说明').optional(),
});
export type VocabularyEntry = z.infer<typeof vocabularyEntrySchema>;

/**
 * A derived pack's words. At each position of a text the longest matching `from` is replaced and the
 * scan continues after it, so 副市长 is never read as 副 + 市长 and a replacement is never replaced again;
 * the order of the list does not matter. Each `from` appears once and differs from its `to`.
 */
export const vocabularySchema = z
  .array(vocabularyEntrySchema, { error: 'vocabulary 应为 {from, to} 的列表' })
  .min(1, { error: 'vocabulary 不能为空列表（不需要时省略）' })
  .superRefine(
    (list, ctx) => {
      // runs even when some entries are malformed, so that one check lists every problem
      if (!Array.isArray(list)) return;
      const seen = new Map<string, number>();
      (list as unknown[]).forEach((e, i) => {
        const from = (e as { from?: unknown } | null)?.from;
        if (typeof from !== 'string' || from === '') return;
        const first = seen.get(from);
        if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `原词 "${from}" 重复（已在 vocabulary[${first}] 列出）` });
        else seen.set(from, i);
        if ((e as { to?: unknown }).to === from) ctx.addIssue({ code: 'custom', path: [i, 'to'], message: `原词 "${from}" 与替换词相同` });
      });
    },
    { when: () => true },
  );

export const GOVERNMENT_LEVELS = ['city', 'county'] as const;
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];

/** The government whose working rules the pack is: 武威市人民政府 / 市政府 / 市长 / city. */
export const governmentSchema = z.strictObject({
  name: text('政府名称'),
  shortName: text('政府简称'),
  leaderTitle: text('行政首长职务'),
  level: z.enum(GOVERNMENT_LEVELS, {
    error: (iss) => `无效的政府层级 "${String(iss.input)}"（应为 ${GOVERNMENT_LEVELS.join(' / ')}）`,
  }),
});
export type Government = z.infer<typeof governmentSchema>;

export const packFileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: '规则包编号应为小写字母、数字和连字符' }),
    title: text('标题'),
    docNumber: text('文号').optional(),
    issuer: text('发文机关').optional(),
    adopted: z.strictObject({ date: isoDateSchema, by: text('审议机构') }).optional(),
    issued: isoDateSchema.optional(),
    effective: z.strictObject({ from: isoDateSchema, article: z.int().min(1).optional(), note: text('说明').optional() }),
    repeals: z
      .array(z.strictObject({ docNumber: text('文号'), issued: isoDateSchema, repealedOn: isoDateSchema, title: text('标题').optional() }))
      .default([]),
    timeZone: text('时区').optional(),
    /** the official text, split into articles at load */
    source: text('原文文件').optional(),
    /** how many articles the source has (第一条 … 第一百条 = 100) */
    articleCount: z.int().min(1).optional(),
    conventions: conventionsSchema.optional(),
    /** the government the rules are for; a derived pack without one keeps its base's */
    government: governmentSchema.optional(),
    /** a derived pack: reuse another pack (a sibling folder) with some parameter values changed */
    extends: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: '被继承的规则包编号无效' }).optional(),
    overrides: z.record(ruleIdSchema, z.record(z.string(), overrideValueSchema)).optional(),
    /** a derived pack: the words it says differently (市长 → 区长), applied to the labels and text it inherits */
    vocabulary: vocabularySchema.optional(),
    note: text('说明').optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.extends) {
      for (const key of ['source', 'articleCount', 'conventions', 'timeZone', 'government'] as const)
        if (p[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `缺少 ${key}（非继承的规则包必须填写）` });
    } else if (p.extends === p.id) ctx.addIssue({ code: 'custom', path: ['extends'], message: '规则包不能继承自身' });
    if (p.overrides && !p.extends) ctx.addIssue({ code: 'custom', path: ['overrides'], message: 'overrides 只能用于继承的规则包（需要 extends）' });
    if (p.vocabulary && !p.extends) ctx.addIssue({ code: 'custom', path: ['vocabulary'], message: 'vocabulary 只能用于继承的规则包（需要 extends）' });
  });
export type PackFile = z.infer<typeof packFileSchema>;

/** numerator/denominator of a fraction parameter such as "2/3" */
export function parseFraction(s: string): { numerator: number; denominator: number } {
  const m = FRACTION.exec(s);
  if (!m) throw new RangeError(`无效的分数：${s}`);
  return { numerator: Number(m[1]), denominator: Number(m[2]) };
}

/** `[3].params.duration.unit`, `overrides["documents.x"].duration` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const s = String(seg);
      out += /^[A-Za-z_$][\w$]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
    }
  }
  return out || '（根）';
}
