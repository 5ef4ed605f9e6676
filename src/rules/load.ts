// Reads a rule pack folder (pack.yaml, rules/*.yaml, not-formalised.yaml, source.txt), validates every
// file and returns a Pack. Every problem found is reported at once, each naming its file and field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { AppError } from '../errors/index.ts';
import { buildPack, type Pack, type PackMeta, type Rule } from './pack.ts';
import {
  checkValueForUnit,
  formatPath,
  notFormalisedSchema,
  packFileSchema,
  rulesFileSchema,
  type NotFormalised,
  type Param,
  type PackFile,
  type ParamValue,
} from './schema.ts';
import { parseSource, type ParsedSource } from './source.ts';
import { compileVocabulary, composeSpeak, type Speak } from './vocabulary.ts';
import { computeCoverage } from './coverage.ts';

const zodErrors = zhCN().localeError;

class Problems {
  readonly list: string[] = [];
  add(file: string, path: string | null, message: string): void {
    this.list.push(path ? `${file}: ${path}: ${message}` : `${file}: ${message}`);
  }
  throwIfAny(dir: string): void {
    if (this.list.length)
      throw new AppError('PACK.INVALID', {
        message: `规则包 ${dir} 有 ${this.list.length} 处错误：\n${this.list.join('\n')}`,
        details: { dir, problems: this.list },
      });
  }
}

function readYaml(dir: string, file: string, problems: Problems): unknown {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    problems.add(file, null, '文件不存在或无法读取');
    return undefined;
  }
  try {
    return parseYaml(text);
  } catch (e) {
    problems.add(file, null, `YAML 语法错误：${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

function validate<S extends z.ZodType>(schema: S, data: unknown, file: string, problems: Problems): z.infer<S> | undefined {
  const r = schema.safeParse(data, { error: zodErrors, reportInput: true });
  if (r.success) return r.data;
  for (const issue of r.error.issues) problems.add(file, formatPath(issue.path), issue.message);
  return undefined;
}

interface Raw {
  dir: string;
  file: PackFile;
  rules: (Rule & { file: string; index: number; explicitFrom: boolean })[];
  notFormalised: NotFormalised[];
  source?: ParsedSource;
}

function readPackFolder(dir: string, problems: Problems): Raw | undefined {
  const file = validate(packFileSchema, readYaml(dir, 'pack.yaml', problems), 'pack.yaml', problems);
  if (!file) return undefined;

  const rules: Raw['rules'] = [];
  const rulesDir = join(dir, 'rules');
  const ruleFiles = existsSync(rulesDir) ? readdirSync(rulesDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  if (!file.extends && ruleFiles.length === 0) problems.add('rules/', null, '没有任何规则文件（rules/<context>.yaml）');
  for (const f of ruleFiles) {
    const rel = `rules/${f}`;
    const context = f.replace(/\.ya?ml$/, '');
    const list = validate(rulesFileSchema, readYaml(dir, rel, problems), rel, problems);
    if (!list) continue;
    list.forEach((r, index) => {
      if (!r.id.startsWith(`${context}.`))
        problems.add(rel, `[${index}].id`, `规则编号 "${r.id}" 应以所在文件的领域 "${context}." 开头`);
      rules.push({
        ...r,
        context,
        effective: { from: r.effective?.from ?? '', to: r.effective?.to },
        file: rel,
        index,
        explicitFrom: Boolean(r.effective?.from),
      });
    });
  }

  let notFormalised: NotFormalised[] = [];
  if (existsSync(join(dir, 'not-formalised.yaml')))
    notFormalised = validate(notFormalisedSchema, readYaml(dir, 'not-formalised.yaml', problems), 'not-formalised.yaml', problems) ?? [];
  else if (!file.extends) problems.add('not-formalised.yaml', null, '文件不存在');

  let source: ParsedSource | undefined;
  if (file.source) {
    let text: string | undefined;
    try {
      text = readFileSync(join(dir, file.source), 'utf8');
    } catch {
      problems.add(file.source, null, '原文文件不存在或无法读取');
    }
    if (text !== undefined) {
      try {
        source = parseSource(text);
      } catch (e) {
        for (const line of (e as Error).message.split('\n')) problems.add(file.source, null, line);
      }
    }
    if (source && file.articleCount !== undefined && source.articles.length !== file.articleCount)
      problems.add(file.source, null, `应有 ${file.articleCount} 条（pack.yaml: articleCount），实际切分出 ${source.articles.length} 条`);
  }
  return { dir, file, rules, notFormalised, source };
}

/** Checks that hold across files: unique ids, known articles, known references. */
function crossCheck(raw: Raw, articleCount: number, problems: Problems): void {
  const seen = new Map<string, string>();
  for (const r of raw.rules) {
    const where = `${r.file}#${r.index}`;
    const first = seen.get(r.id);
    if (first) problems.add(r.file, `[${r.index}].id`, `规则编号 "${r.id}" 重复（已在 ${first} 定义）`);
    else seen.set(r.id, where);
    if (r.article > articleCount) problems.add(r.file, `[${r.index}].article`, `条号 ${r.article} 超出原文范围 1..${articleCount}`);
  }
  const ids = new Set(raw.rules.map((r) => r.id));
  for (const r of raw.rules)
    (r.see ?? []).forEach((ref, i) => {
      if (!ids.has(ref)) problems.add(r.file, `[${r.index}].see[${i}]`, `引用了不存在的规则 "${ref}"`);
    });
  const nfSeen = new Set<number>();
  raw.notFormalised.forEach((n, i) => {
    if (n.article > articleCount) problems.add('not-formalised.yaml', `[${i}].article`, `条号 ${n.article} 超出原文范围 1..${articleCount}`);
    if (nfSeen.has(n.article)) problems.add('not-formalised.yaml', `[${i}].article`, `第 ${n.article} 条重复列出`);
    nfSeen.add(n.article);
  });
}

function metaOf(file: PackFile, base?: PackMeta): PackMeta {
  return {
    id: file.id,
    title: file.title,
    docNumber: file.docNumber,
    issuer: file.issuer,
    adopted: file.adopted,
    issued: file.issued,
    effective: file.effective,
    repeals: file.repeals,
    timeZone: file.timeZone ?? base?.timeZone ?? 'Asia/Shanghai',
    // a base pack always has one (the schema requires it); a derived pack without one keeps its base's
    government: (file.government ?? base?.government)!,
    extends: file.extends,
    note: file.note,
  };
}

const finalRule = ({ file: _f, index: _i, explicitFrom, ...r }: Raw['rules'][number], packFrom: string): Rule => ({
  ...r,
  effective: { from: explicitFrom ? r.effective.from : packFrom, ...(r.effective.to ? { to: r.effective.to } : {}) },
});

/** An inherited parameter in the derived pack's words: text and the text items of a list. */
function spokenParam(p: Param, speak: Speak): Param {
  if (p.unit === 'text' && typeof p.value === 'string') return { ...p, value: speak(p.value) };
  if (p.unit === 'list' && Array.isArray(p.value))
    return { ...p, value: p.value.map((v) => (typeof v === 'string' ? speak(v) : v)) };
  return p;
}

/**
 * The base's rules as the derived pack has them: its vocabulary applied to every inherited label and
 * text or list value, then its explicit overrides (values and labels), which are taken as written.
 */
function applyOverrides(file: PackFile, base: Pack, speak: Speak, problems: Problems): Rule[] {
  const rules = base.rules.map((r) => ({
    ...r,
    label: speak(r.label),
    params: Object.fromEntries(Object.entries(r.params).map(([name, p]) => [name, spokenParam(p, speak)])),
  }));
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const [ruleId, values] of Object.entries(file.overrides ?? {})) {
    const at = formatPath(['overrides', ruleId]);
    const r = byId.get(ruleId);
    if (!r) {
      problems.add('pack.yaml', at, `引用了规则包 ${base.meta.id} 中不存在的规则 "${ruleId}"`);
      continue;
    }
    const overridden = { pack: file.id, params: [...(r.overridden?.pack === file.id ? r.overridden.params : [])] } as NonNullable<Rule['overridden']>;
    for (const [name, v] of Object.entries(values)) {
      if (name === 'label') {
        // the rule's name, when the derived value makes the base's wording wrong (2个工作日 → 3个工作日)
        if (typeof v !== 'string' || v.length === 0) problems.add('pack.yaml', `${at}.label`, 'label 应为非空文本（改写后的规则名称）');
        else {
          r.label = v;
          overridden.label = true;
        }
        continue;
      }
      const p = r.params[name];
      if (!p) {
        problems.add('pack.yaml', `${at}.${name}`, `规则 "${ruleId}" 没有参数 "${name}"`);
        continue;
      }
      const given = (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : { value: v }) as {
        value: ParamValue;
        note?: string;
        interpretation?: string;
      };
      const problem = checkValueForUnit(given.value, p.unit);
      if (problem) {
        problems.add('pack.yaml', `${at}.${name}`, problem);
        continue;
      }
      // the base's reading of its own value does not carry over to a value the derived pack chose
      const { interpretation: _baseReading, ...kept } = p;
      r.params[name] = {
        ...kept,
        value: given.value,
        ...(given.note ? { note: given.note } : {}),
        ...(given.interpretation ? { interpretation: given.interpretation } : {}),
      };
      overridden.params.push(name);
    }
    if (overridden.params.length || overridden.label) r.overridden = overridden;
  }
  return rules.map((r) => {
    // A derived pack starts on its own date; rules without an explicit start follow it.
    const explicit = r.effective.from !== base.meta.effective.from;
    return explicit ? r : { ...r, effective: { ...r.effective, from: file.effective.from } };
  });
}

/**
 * Loads the pack in `dir`. A derived pack (`extends: <id>`) loads the sibling folder of that id and
 * applies its parameter overrides, keeping the base's text, rules and conventions unless it gives its own.
 */
export function loadPack(dir: string): Pack {
  return loadPackFrom(dir, []);
}

function loadPackFrom(dir: string, seen: string[]): Pack {
  const absolute = resolve(dir);
  const problems = new Problems();
  const raw = readPackFolder(absolute, problems);
  // Cross-file checks run even when a file had problems, so that one run lists everything.
  if (raw?.source && !raw.file.extends) crossCheck(raw, raw.source.articles.length, problems);
  problems.throwIfAny(absolute);
  const r = raw as Raw;

  if (r.file.extends) {
    if (seen.includes(r.file.extends))
      throw new AppError('PACK.INVALID', { message: `pack.yaml: extends: 规则包循环继承：${[...seen, r.file.id, r.file.extends].join(' → ')}` });
    const baseDir = join(dirname(absolute), r.file.extends);
    if (!existsSync(join(baseDir, 'pack.yaml')))
      throw new AppError('PACK.INVALID', { message: `pack.yaml: extends: 找不到被继承的规则包 "${r.file.extends}"（${baseDir}）` });
    const base = loadPackFrom(baseDir, [...seen, r.file.id]);
    if (r.rules.length) problems.add('rules/', null, '继承的规则包只能用 overrides 修改参数，不能另加规则文件');
    const ownSpeak = compileVocabulary(r.file.vocabulary ?? []);
    const rules = applyOverrides(r.file, base, ownSpeak, problems);
    problems.throwIfAny(absolute);
    const articles = r.source?.articles ?? [...base.articles];
    return buildPack({
      meta: metaOf(r.file, base.meta),
      header: r.source?.header ?? base.header,
      colophon: r.source?.colophon ?? base.colophon,
      articles,
      rules,
      notFormalised: r.notFormalised.length ? r.notFormalised : [...base.notFormalised],
      conventions: r.file.conventions ?? base.conventions,
      vocabulary: r.file.vocabulary ?? base.vocabulary,
      speak: composeSpeak(base.speak, ownSpeak),
    });
  }

  const articles = r.source!.articles;
  return buildPack({
    meta: metaOf(r.file),
    header: r.source!.header,
    colophon: r.source!.colophon,
    articles,
    rules: r.rules.map((x) => finalRule(x, r.file.effective.from)),
    notFormalised: r.notFormalised,
    conventions: r.file.conventions!,
  });
}

/** Repository root, found from this file (src/rules/load.ts) so it works from any working directory. */
export const repoRoot = (): string => resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultPackDir = (): string => join(repoRoot(), 'packs', 'wuwei-2023');

let cached: Pack | undefined;
/** The Wuwei 2023 pack, loaded once per process. */
export function loadDefaultPack(): Pack {
  cached ??= loadPack(defaultPackDir());
  return cached;
}

/** For `zhengtong pack check`: load the pack and check its article coverage; every problem listed. */
export function checkPack(dir: string): { ok: boolean; problems: string[] } {
  let pack: Pack;
  try {
    pack = loadPack(dir);
  } catch (e) {
    if (e instanceof AppError && e.code === 'PACK.INVALID') {
      const listed = (e.details?.problems as string[] | undefined) ?? [e.message];
      return { ok: false, problems: listed };
    }
    return { ok: false, problems: [`${basename(dir)}: ${(e as Error).message}`] };
  }
  const problems = computeCoverage(pack).problems;
  return { ok: problems.length === 0, problems };
}
