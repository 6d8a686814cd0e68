// Runs `npm ci` only when node_modules was not installed from this exact package-lock.json:
// npm ci always deletes node_modules first, which costs the Maven build seconds it need not spend.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.chaintrail-lock-sha256');
const lock = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');

if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === lock) {
  console.log('web: node_modules matches package-lock.json; npm ci skipped');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (run.error || run.status !== 0) {
    console.error('web: npm ci failed' + (run.error ? ': ' + run.error.message : ' with exit code ' + run.status));
    process.exit(1);
  }
  writeFileSync(marker, lock + '\n');
}
