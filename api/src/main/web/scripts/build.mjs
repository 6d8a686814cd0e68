// Bundles the UI into one directory (the first argument, default dist/): index.html, app.js, app.css.
// Maven calls it with target/classes/web so the bundle ships in the api jar. Output is the same for
// the same sources: no hashes, no timestamps, no source maps pointing at this machine's paths.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'dist'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const started = Date.now();
await build({
  entryPoints: { app: join(root, 'src/main.js') },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'external',
  logLevel: 'warning',
});
copyFileSync(join(root, 'index.html'), join(out, 'index.html'));
console.log(`web: bundled into ${out} in ${Date.now() - started} ms`);
