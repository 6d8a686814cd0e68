#!/usr/bin/env bash
# Regenerates src/main/resources/contracts/{TestToken,Splitter}.json (abi + 0x creation code)
# from the Solidity sources beside this script (main resources: the node benchmark deploys the
# token too). The outputs are committed, so tests never need
# solc; run this only after changing a .sol file.
#
# solc comes from npm (solc@0.8.28, the emscripten build: no native toolchain needed) and is
# cached in ${CHAINTRAIL_SOLC_CACHE:-~/.cache/chaintrail/solc-0.8.28}.
set -euo pipefail

SOLC_VERSION=0.8.28
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../../main/resources/contracts"
cache="${CHAINTRAIL_SOLC_CACHE:-$HOME/.cache/chaintrail/solc-$SOLC_VERSION}"

command -v node >/dev/null || { echo "compile.sh: node is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "compile.sh: npm is required" >&2; exit 1; }

if [[ ! -f "$cache/node_modules/solc/package.json" ]]; then
  # Install beside the cache and rename into place so a half-finished install is never used.
  mkdir -p "$(dirname "$cache")"
  tmp="$(mktemp -d "$cache.tmp.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  npm install --silent --no-audit --no-fund --prefix "$tmp" "solc@$SOLC_VERSION" >&2
  mv -T "$tmp" "$cache" 2>/dev/null || rm -rf "$tmp" # another run won the race: use its copy
fi

mkdir -p "$out"
SOLC_DIR="$cache/node_modules/solc" SRC_DIR="$here" OUT_DIR="$out" node - <<'JS'
const fs = require('fs');
const path = require('path');
const solc = require(process.env.SOLC_DIR);

const contracts = ['TestToken', 'Splitter'];
const sources = {};
for (const name of contracts) {
  sources[`${name}.sol`] = { content: fs.readFileSync(path.join(process.env.SRC_DIR, `${name}.sol`), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    // Shanghai: PUSH0 but no Cancun opcodes, so the code also runs on older EVM chains.
    evmVersion: 'shanghai',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.methodIdentifiers'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);

for (const name of contracts) {
  const c = output.contracts[`${name}.sol`][name];
  const artifact = {
    contractName: name,
    compiler: `solc ${solc.version()}`,
    evmVersion: 'shanghai',
    abi: c.abi,
    // Selectors by signature, so tests hand-encoding calldata can check theirs.
    methodIdentifiers: c.evm.methodIdentifiers,
    bytecode: '0x' + c.evm.bytecode.object,
  };
  fs.writeFileSync(path.join(process.env.OUT_DIR, `${name}.json`), JSON.stringify(artifact, null, 2) + '\n');
  console.error(`wrote ${name}.json (${c.evm.bytecode.object.length / 2} bytes of creation code)`);
}
JS
