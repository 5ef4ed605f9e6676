// `zhengtong generate`: fills the configured database with a generated dataset (scripts/generate-data.ts).
export async function runGenerateCommand(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out('用法: zhengtong generate [--scale 公文数(默认1000000)] [--seed 种子] [--units 单位数] [--users 用户数] [--as-of YYYY-MM-DD]\n' +
      '       zhengtong generate --only supervision,meetings[,search] [--seed 种子] [--as-of YYYY-MM-DD]   （在已生成的数据库上只补充这些部分）\n' +
      '       zhengtong generate --search-only');
    return 0;
  }
  const { generateCommand } = await import('../../scripts/generate-data.ts');
  try {
    return await generateCommand(args, out);
  } catch (e) {
    err(`生成失败：${(e as Error).message}`);
    return 1;
  }
}
