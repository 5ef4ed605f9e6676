import { AppError } from '../errors/index.ts';
import { loadConfig } from '../config.ts';
import { dbConfigFromEnv, openDb } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { sealAudit, verifyAudit } from '../app/audit/chain.ts';
import { seedDemo } from '../app/seed.ts';
import { startRuntime } from '../app/runtime.ts';

const HELP = `政通 — 《武威市人民政府工作规则》执行平台

用法: zhengtong <命令>
  serve [--no-web]           启动服务（迁移数据库，首次启动载入武威演示数据；--no-web 不构建、不提供网页界面）
  migrate                    执行数据库迁移
  seed                       载入武威演示数据（已有则跳过）
  audit verify               校验审计链，指出第一条被破坏的记录
  audit archive --to 文件 [--before 日期]   把已封存的审计记录归档为可自行校验的文件（不删除任何记录）
  audit verify-archive 文件  离线校验归档文件（无需数据库），指出第一条被改动的记录
  pack check [目录]          检查规则包（默认 packs/wuwei-2023）
  government list|create|suspend|resume   本平台上的政府（各自的规则包、组织机构和账号）
  keys new 编号 | keys reseal   生成 SM4 数据密钥；轮换后以当前密钥重新加密个人信息（docs/crypto.md）
  calendar is-workday 日期   判断是否为工作日
  calendar add 日期 N --unit workday|day   计算期限
  seal verify 文件.ofd [--government 编号]   验证 OFD 的电子印章（有效 / 已被改动 / 未知印章）
  openapi                    输出 OpenAPI 文档
  generate [--scale N] [--seed S]   生成性能测试数据（默认 100 万份公文）

数据库: 默认嵌入式 PostgreSQL (PGlite, ./data，ZHENGTONG_DATA_DIR 可改)；设置 DATABASE_URL 使用 PostgreSQL 服务器。`;

type Out = { out: (s: string) => void; err: (s: string) => void };
const std: Out = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

const AUDIT_USAGE = '用法: zhengtong audit verify | audit archive --to <文件> [--before <日期>] | audit verify-archive <文件>';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function runAuditCommand(rest: string[], io: Out): Promise<number> {
  const [sub, ...args] = rest;
  if (sub === 'verify-archive') {
    if (!args[0]) { io.err(AUDIT_USAGE); return 2; }
    const { readFileSync } = await import('node:fs');
    const { verifyArchive } = await import('../domain/audit/archive.ts');
    const r = verifyArchive(readFileSync(args[0]));
    if (r.ok) {
      io.out(`归档完整：${r.records} 条记录（链位置 ${r.fromPos ?? '—'}–${r.toPos ?? '—'}），链头哈希 ${r.headHash}`);
      return 0;
    }
    const at = r.record ? `第 ${r.record.line} 行（链位置 ${r.record.chainPos ?? '—'}，记录序号 ${r.record.seq ?? '—'}，时间 ${r.record.at ?? '—'}）` : '';
    io.err(`归档校验未通过：${at}${at ? '— ' : ''}${r.reason}；此前 ${r.verified} 条完好`);
    return 1;
  }
  if (sub !== 'verify' && sub !== 'archive') { io.err(AUDIT_USAGE); return 2; }
  let before: Date | undefined;
  const to = option(args, '--to');
  if (sub === 'archive') {
    if (!to) { io.err(AUDIT_USAGE); return 2; }
    const b = option(args, '--before');
    if (b) {
      before = new Date(/^\d{4}-\d{2}-\d{2}$/.test(b) ? `${b}T00:00:00+08:00` : b);
      if (Number.isNaN(before.getTime())) { io.err(`--before 不是合法的日期：${b}`); return 2; }
    }
  }
  // the retention (and every other setting) is checked before anything is written
  const config = sub === 'archive' ? loadConfig() : null;
  const db = await openDb(dbConfigFromEnv());
  try {
    await migrate(db);
    await sealAudit(db);
    if (sub === 'archive') {
      const { writeArchive } = await import('../app/audit/archive.ts');
      const { clockFromEnv } = await import('../app/context.ts');
      const m = await writeArchive({ db, clock: clockFromEnv() }, to!, { before, recordIn: config!.tenant });
      io.out(`已归档 ${m.records} 条审计记录（链位置 ${m.fromPos ?? '—'}–${m.toPos ?? '—'}）至 ${to}；链头哈希 ${m.headHash}，文件 SM3 ${m.sm3}`);
      return 0;
    }
    const r = await verifyAudit(db);
    if (r.ok) { io.out(`审计链完整：已校验 ${r.verified} 条记录，末条哈希 ${r.lastHash}`); return 0; }
    io.err(`审计链被破坏：第 ${r.brokenChainPos} 位（记录序号 ${r.brokenSeq}，时间 ${r.broken.at}，${r.broken.action} ${r.broken.objectType} ${r.broken.objectId}）— ${r.reason}；此前 ${r.verified} 条完好`);
    return 1;
  } finally { await db.close(); }
}

export async function main(argv: string[], io: Out = std): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'serve': return await (await import('./serve.ts')).serve(rest, io);
      case 'migrate': {
        const db = await openDb(dbConfigFromEnv());
        try {
          const applied = await migrate(db);
          io.out(applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新');
        } finally { await db.close(); }
        return 0;
      }
      case 'seed': {
        const rt = await startRuntime({ seed: false, background: false });
        try {
          const seeded = await seedDemo(rt.deps, loadConfig().tenant);
          await sealAudit(rt.db);
          io.out(seeded ? '已载入武威演示数据' : '演示数据已存在，未重复载入');
        } finally { await rt.stop(); }
        return 0;
      }
      case 'audit': return await runAuditCommand(rest, io);
      case 'pack': {
        if (rest[0] !== 'check') { io.err('用法: zhengtong pack check [目录]'); return 2; }
        const { checkPack } = await import('../rules/index.ts');
        const r = checkPack(rest[1] ?? 'packs/wuwei-2023');
        if (r.ok) { io.out('规则包检查通过'); return 0; }
        for (const p of r.problems) io.err(p);
        return 1;
      }
      case 'calendar': {
        const { runCalendarCommand } = await import('./calendar.ts');
        return await runCalendarCommand(rest, io.out, io.err);
      }
      case 'government': return await (await import('./government.ts')).runGovernmentCommand(rest, io.out, io.err);
      case 'keys': return await (await import('./keys.ts')).runKeysCommand(rest, io.out, io.err);
      case 'seal': return await (await import('./seal.ts')).runSealCommand(rest, io.out, io.err);
      case 'generate': return await (await import('./generate.ts')).runGenerateCommand(rest, io.out, io.err);
      case 'openapi': {
        const { generateOpenApi } = await import('../http/openapi.ts');
        io.out(JSON.stringify(await generateOpenApi(), null, 2));
        return 0;
      }
      case undefined: case 'help': case '--help': case '-h':
        io.out(HELP);
        return cmd ? 0 : 2;
      default:
        io.err(`未知命令：${cmd}\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof AppError) { io.err(`${err.code}: ${err.message}`); return 1; }
    io.err(`错误：${(err as Error).message}`);
    return 1;
  }
}
