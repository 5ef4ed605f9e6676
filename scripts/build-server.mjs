// Precompiles the server: bundles src/cli/main.ts (and everything it imports from the repository) with
// esbuild into dist/server-<hash>/zhengtong.mjs, npm packages left external. Modules imported with
// `import()` become separate chunks, loaded on first use like under tsx.
//
// Modules that find files beside their own source (migrations, the rule pack, calendars, demo data, the
// web build) keep doing so: each module's `import.meta.url` / `dirname` / `filename` is rewritten to the
// location of its source file, computed relative to the bundle, so the bundle and tsx see the same paths.
//
// dist/server.json records the build directory and the modification time of every bundled source
// file; bin/zhengtong.mjs uses the bundle only while every one of them is unchanged.
//
//   node scripts/build-server.mjs        (npm run build:server)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const STAMP = join(DIST, 'server.json');
const KEEP_BUILDS = 3;

const posix = (p) => p.split(sep).join('/');

/** esbuild plugin: each repository module's import.meta location becomes its source file's. */
function sourceLocations(outdir) {
  return {
    name: 'source-locations',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        let text = readFileSync(args.path, 'utf8');
        if (text.includes('import.meta.')) {
          // every output file (entry and chunks) sits in outdir, so the path is relative to any of them
          const rel = JSON.stringify(posix(relative(outdir, args.path)));
          const url = `new URL(${rel}, import.meta.url)`;
          let used = false;
          text = text.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_m, what) => {
            used = true;
            if (what === 'url') return `${url}.href`;
            if (what === 'filename') return `__ztFileURLToPath(${url})`;
            return `__ztDirname(__ztFileURLToPath(${url}))`;
          });
          // on line 1 without a newline, so line numbers stay those of the source
          if (used) text = `import { fileURLToPath as __ztFileURLToPath } from 'node:url'; import { dirname as __ztDirname } from 'node:path'; ${text}`;
        }
        return { contents: text, loader: 'ts' };
      });
    },
  };
}

function hashDir(dir) {
  const h = createHash('sha256');
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(posix(relative(dir, p))).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 12);
}

/**
 * Builds the server bundle and records it in dist/server.json. Returns the entry's file: URL.
 * Safe to run from several processes at once: each builds in its own folder, moved into place whole.
 */
export async function buildServerBundle({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  mkdirSync(DIST, { recursive: true });
  const tmp = join(DIST, `.build-${process.pid}-${Date.now()}`);
  const entry = join(ROOT, 'src', 'cli', 'main.ts');
  const t0 = performance.now();
  try {
    const result = await esbuild.build({
      entryPoints: { zhengtong: entry },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
      sourcemap: 'linked',
      sourcesContent: false,
      keepNames: true,
      metafile: true,
      logLevel: quiet ? 'silent' : 'warning',
      plugins: [sourceLocations(tmp)],
    });
    // every repository source that went into the bundle, with its modification time
    const inputs = {};
    for (const p of Object.keys(result.metafile.inputs)) {
      const abs = join(ROOT, p);
      inputs[posix(relative(ROOT, abs))] = statSync(abs).mtimeMs;
    }
    const name = `server-${hashDir(tmp)}`;
    const dir = join(DIST, name);
    if (existsSync(dir)) rmSync(tmp, { recursive: true, force: true });
    else renameSync(tmp, dir);
    const stampTmp = `${STAMP}.${process.pid}`;
    writeFileSync(stampTmp, JSON.stringify({ dir: name, builtAt: new Date().toISOString(), inputs }, null, 1));
    renameSync(stampTmp, STAMP);
    pruneOldBuilds(name);
    if (!quiet) process.stdout.write(`服务端已预编译：dist/${name}/zhengtong.mjs（${Object.keys(inputs).length} 个源文件，${Math.round(performance.now() - t0)} ms）\n`);
    return pathToFileURL(join(dir, 'zhengtong.mjs')).href;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Keeps the newest few builds: a server started from an older one may still load its chunks. */
function pruneOldBuilds(current) {
  const builds = readdirSync(DIST).filter((n) => /^server-[0-9a-f]+$/.test(n) && n !== current)
    .map((n) => ({ n, t: statSync(join(DIST, n)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const b of builds.slice(KEEP_BUILDS - 1)) rmSync(join(DIST, b.n), { recursive: true, force: true });
  for (const n of readdirSync(DIST)) {
    // build folders left by a process that died while building
    if (n.startsWith('.build-') && Date.now() - statSync(join(DIST, n)).mtimeMs > 10 * 60_000) rmSync(join(DIST, n), { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildServerBundle();
}
