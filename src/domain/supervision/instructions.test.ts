import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkClosure, checkStage, firstReader, type InstructionState, type StageEntry } from './instructions.ts';
import { TEST_INSTRUCTION_RULES as R } from './fixture.ts';

const gs = (stages: StageEntry[] = []): InstructionState => ({ source: 'general_secretary', status: 'open', receivedOn: '2026-03-02', stages, reports: 0 });
const st = (stage: string, on: string, evidence = ['武政办发〔2026〕1号']): StageEntry => ({ stage, on, summary: `${stage}情况`, evidence });
const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));

test('第六十九条: central and provincial instructions go to the mayor first, city leaders\' to the leader in charge', () => {
  for (const [src, reader] of [['general_secretary', 'mayor'], ['central', 'mayor'], ['provincial', 'mayor'], ['city', 'leader_in_charge']] as const) {
    const r = firstReader(src, R);
    assert.equal(r.reader, reader, src);
    if (reader === 'mayor') assert.equal(r.article, 69);
  }
});

test('第八十四条: stages of the closed loop are recorded in order, dated and evidenced', () => {
  const cases: { name: string; state: InstructionState; entry: StageEntry; expect: string[] }[] = [
    { name: 'first stage', state: gs(), entry: st('学习传达', '2026-03-02'), expect: [] },
    { name: 'skipping 研究部署', state: gs([st('学习传达', '2026-03-02')]), entry: st('盯办落实', '2026-03-03'), expect: ['SUP.STAGE_OUT_OF_ORDER'] },
    { name: 'no evidence', state: gs(), entry: st('学习传达', '2026-03-02', []), expect: ['SUP.STAGE_EVIDENCE_MISSING'] },
    { name: 'future date', state: gs(), entry: st('学习传达', '2026-04-01'), expect: ['SUP.DATE_IN_FUTURE'] },
    { name: 'before the previous stage', state: gs([st('学习传达', '2026-03-05')]), entry: st('研究部署', '2026-03-04'), expect: ['SUP.STAGE_DATE_ORDER'] },
    { name: 'twice', state: gs([st('学习传达', '2026-03-02')]), entry: st('学习传达', '2026-03-03'), expect: ['SUP.STAGE_ALREADY_RECORDED'] },
    { name: 'unknown stage', state: gs(), entry: st('开会', '2026-03-02'), expect: ['SUP.UNKNOWN_STAGE'] },
    { name: 'all problems at once', state: gs(), entry: { stage: '现场核实', on: '2026-05-01', summary: ' ', evidence: [] }, expect: ['SUP.STAGE_OUT_OF_ORDER', 'SUP.DATE_IN_FUTURE', 'SUP.STAGE_SUMMARY_MISSING', 'SUP.STAGE_EVIDENCE_MISSING'] },
  ];
  for (const c of cases) assert.deepEqual(codes(checkStage(c.state, c.entry, '2026-03-10', R)), c.expect, c.name);
});

test('第八十四条: nothing closes with a stage missing — every missing stage is named', () => {
  const d = checkClosure(gs([st('学习传达', '2026-03-02'), st('研究部署', '2026-03-03')]), R);
  assert.equal(d.ok, false);
  assert.deepEqual(d.ok ? [] : d.violations.map((v) => v.details?.stage), ['盯办落实', '调研督查', '现场核实']);
  const full = gs(R.loopStages.map((s, i) => st(s, `2026-03-0${i + 2}`)));
  assert.equal(checkClosure(full, R).ok, true);
});

test('第八十五条: a provincial instruction closes only after its progress has been reported', () => {
  const p: InstructionState = { source: 'provincial', status: 'open', receivedOn: '2026-03-02', stages: [], reports: 0 };
  assert.deepEqual(codes(checkClosure(p, R)), ['SUP.REPORT_MISSING']);
  assert.equal(checkClosure({ ...p, reports: 1 }, R).ok, true);
  assert.deepEqual(codes(checkStage(p, st('学习传达', '2026-03-02'), '2026-03-10', R)), ['SUP.STAGE_NOT_APPLICABLE']);
});
