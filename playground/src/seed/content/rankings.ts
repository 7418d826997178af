import type { DemoRanking } from './types';

/** The rankings a site's article page shows, plus a section-scoped one. */
export const demoRankings: DemoRanking[] = [
  { slug: 'most-read', name: 'Most read', nameFr: 'Les plus lus', kind: 'most-viewed', window: 'last-24-hours', size: 8 },
  { slug: 'trending', name: 'Trending', nameFr: 'Tendances', kind: 'trending', window: 'last-24-hours', size: 8 },
  { slug: 'most-reacted', name: 'Readers loved', nameFr: 'Coups de cœur des lecteurs', kind: 'most-reacted', window: 'last-7-days', size: 8 },
  {
    slug: 'editors-picks',
    name: "Editors' picks",
    nameFr: 'Le choix de la rédaction',
    kind: 'editors-picks',
    window: 'all-time',
    size: 6,
    pinned: [
      'kenyan-villages-switch-on-solar-mini-grids-built-by-a-farmers-cooperative',
      'first-tunnel-boring-machine-starts-digging-on-coastal-arrow-high-speed-line',
      'quantum-startup-qorvane-says-its-chip-corrected-errors-faster-than-they-arose',
      'all-412-people-rescued-after-fire-breaks-out-on-aegean-ferry-near-naxos',
      'the-salt-orchard-review-tamar-gvilavas-drought-drama-stuns-adriatic-lights',
      'door-to-door-with-the-nurses-fighting-brackenfields-measles-outbreak',
    ],
  },
  { slug: 'most-read-sport', name: 'Most read in Sport', kind: 'most-viewed', window: 'last-7-days', size: 5, section: 'sport' },
];
