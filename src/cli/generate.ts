// `zhengtong generate`: fills the configured database with a generated dataset (scripts/generate-data.ts).
export async function runGenerateCommand(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out('用法: zhengtong generate [--scale 公文数(默认1000000)] [--seed 种子] [--units 单位数] [--users 用户数] [--as-of YYYY-MM-DD]');
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
