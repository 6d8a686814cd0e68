// How addresses, hashes, times and categories read on screen.

/** 0x8988c3f9…562b27: enough to tell addresses apart in a graph, the full one is a click away. */
export function shortAddress(address) {
  if (!address || address.length <= 16) return address ?? '';
  return address.slice(0, 8) + '…' + address.slice(-6);
}

export function shortHash(hash) {
  if (!hash || hash.length <= 14) return hash ?? '';
  return hash.slice(0, 10) + '…' + hash.slice(-4);
}

/** ISO-8601 UTC as the API gives it, made easier to scan: 2024-10-27 03:40:32 UTC. */
export function time(iso) {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

const CATEGORY_NAMES = {
  exchange: 'Exchange',
  otc_desk: 'OTC desk',
  mixing_service: 'Mixer',
  coinjoin: 'CoinJoin',
  defi: 'DeFi',
  defi_dex: 'DEX',
  defi_bridge: 'Bridge',
  gambling: 'Gambling',
  payment_processor: 'Payment processor',
  wallet_service: 'Wallet service',
  sanction: 'Sanctioned',
  scam: 'Scam',
  unattributed: 'Unattributed',
};

export function categoryName(category) {
  if (!category) return 'Unattributed';
  return CATEGORY_NAMES[category] ?? category.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
