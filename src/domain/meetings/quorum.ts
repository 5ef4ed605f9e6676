// 第五十三条: 常务会议必须有半数以上成员到会方能召开；讨论决定人事任免事项等重大决策问题，必须有三分之二以上成员到会。
// "以上" includes the number under the pack's convention (民法典 第一千二百五十九条): with 8 members, 4 are
// half and enough; with 9, 6 are two thirds. Arithmetic stays in integers: present·d ≥ members·n.
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';
import type { Quorum } from './rules.ts';
import type { MeetingTypeRules } from './rules.ts';
import type { TopicKind } from './types.ts';

export interface QuorumResult {
  ruleId: string;
  article: number;
  /** "1/2" */
  fraction: string;
  inclusive: boolean;
  members: number;
  present: number;
  /** the smallest number of members present that meets the quorum */
  required: number;
  met: boolean;
}

/** The smallest count meeting `q` among `members`. */
export function requiredPresent(members: number, q: Pick<Quorum, 'numerator' | 'denominator' | 'inclusive'>): number {
  if (!Number.isInteger(members) || members < 0) throw new RangeError(`成员人数无效：${members}`);
  const product = members * q.numerator;
  // inclusive: smallest p with p·d ≥ m·n; exclusive: smallest p with p·d > m·n
  return q.inclusive ? Math.ceil(product / q.denominator) : Math.floor(product / q.denominator) + 1;
}

export function checkQuorum(members: number, present: number, q: Quorum): QuorumResult {
  const required = requiredPresent(members, q);
  return {
    ruleId: q.ruleId,
    article: q.article,
    fraction: `${q.numerator}/${q.denominator}`,
    inclusive: q.inclusive,
    members,
    present,
    required,
    met: present >= required && members > 0,
  };
}

const fractionText = (q: { numerator: number; denominator: number }): string =>
  q.numerator * 2 === q.denominator ? '半数' : `${['', '', '二', '三', '四', '五'][q.denominator] ?? q.denominator}分之${['', '一', '二', '三', '四'][q.numerator] ?? q.numerator}`;

/** 半数以上 / 三分之二以上 / 超过半数 */
export const quorumText = (q: Pick<Quorum, 'numerator' | 'denominator' | 'inclusive'>): string =>
  q.inclusive ? `${fractionText(q)}以上` : `超过${fractionText(q)}`;

/** The quorums a topic of this kind needs at a meeting of this type: the meeting's own and, for
 *  personnel and other major matters, the higher one. */
export function quorumsFor(rules: MeetingTypeRules, kind: TopicKind | null): Quorum[] {
  const out: Quorum[] = [];
  if (rules.quorum) out.push(rules.quorum);
  if (kind && rules.majorQuorum && rules.majorQuorum.topicKinds.includes(kind)) out.push(rules.majorQuorum);
  return out;
}

/** Every quorum not met, as violations. `what`: 召开会议 or 研究该议题. */
export function quorumViolations(results: QuorumResult[], what: string, code: string): Violation[] {
  return results
    .filter((r) => !r.met)
    .map((r) => ({
      code,
      article: r.article,
      message: `${basedOn(r.article)}，${what}须有${quorumText({ numerator: Number(r.fraction.split('/')[0]), denominator: Number(r.fraction.split('/')[1]), inclusive: r.inclusive })}成员到会：成员${r.members}人，应到${r.required}人，实到${r.present}人`,
      details: { ruleId: r.ruleId, members: r.members, present: r.present, required: r.required, fraction: r.fraction, inclusive: r.inclusive },
    }));
}
