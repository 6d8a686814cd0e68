// One colour per kind of address, shared by the graph, the Sankey diagram and their legends.
// Chosen to stay distinct for the common colour-vision deficiencies and in print.
import { categoryName } from './text.js';

const COLOURS = {
  seed: '#c62828',
  exchange: '#1f5fbf',
  otc_desk: '#00897b',
  mixing_service: '#7b1fa2',
  coinjoin: '#7b1fa2',
  sanction: '#212121',
  scam: '#e65100',
  gambling: '#f9a825',
  defi: '#6d4c41',
  defi_dex: '#6d4c41',
  defi_bridge: '#6d4c41',
  payment_processor: '#558b2f',
  wallet_service: '#558b2f',
  holder: '#90a4ae',
  unattributed: '#90a4ae',
  untraced: '#cfd8dc',
};

export function colour(category) {
  return COLOURS[category] ?? '#455a64';
}

/** What a legend shows for the categories present, in a fixed order. */
export function legendEntries(categories) {
  const order = Object.keys(COLOURS);
  const present = [...new Set(categories)];
  present.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return present.map((c) => ({
    category: c,
    colour: colour(c),
    name: c === 'seed' ? 'Seed (under investigation)' : c === 'holder' ? 'Intermediate (unattributed)'
      : c === 'untraced' ? 'Next hop (not traced)' : categoryName(c),
  }));
}
