import { createRelatedEngine, resolveRelatedSettings, type IndexableArticle, type RelatedEngine } from '../../../server/src/related';

const DAY = 86_400_000;
const start = Date.UTC(2026, 9, 1);

/** An article published `day` days after the start. */
const article = (id: string, day: number, title: string, body: string): IndexableArticle => ({ id, locale: 'en', title, body, publishedAt: start + day * DAY });

/** Other news of the same weeks: the background every weight is computed against. */
const background: IndexableArticle[] = [
  article(
    'bg-rates',
    0,
    'Central bank holds interest rates',
    'The central bank held interest rates at four percent, citing inflation and a weak housing market.',
  ),
  article('bg-cup', 1, 'Kestrel Vale reach the cup final', 'Kestrel Vale beat Ashcombe United on penalties to reach the cup final at the national stadium.'),
  article('bg-film', 2, 'Festival opens with a drought drama', 'The film festival opened with a drought drama set among salt orchards on the coast.'),
  article('bg-budget', 3, 'Parliament debates the budget', 'Members of parliament debated the budget late into the night as the opposition demanded tax cuts.'),
  article(
    'bg-measles',
    4,
    'Measles outbreak in Brackenfield',
    'Nurses went door to door in Brackenfield as the measles outbreak spread among children who missed vaccines.',
  ),
  article('bg-lander', 5, 'Lunar lander touches down', 'A private lunar lander touched down in Mare Crisium, sending its first pictures of the surface.'),
  article(
    'bg-oceans',
    6,
    'Scientists map warmer oceans',
    'Scientists mapped warmer oceans across the Pacific, where sea temperatures are rising faster than forecast.',
  ),
  article(
    'bg-monsoon',
    7,
    'Monsoon seasons grow longer',
    'Monsoon seasons are growing longer and wetter around the Bay of Bengal, scientists moving inland with new gauges say.',
  ),
];

const karsa = [
  article(
    'karsa-landfall',
    10,
    'Typhoon Karsa makes landfall near Guiuan',
    'Typhoon Karsa made landfall near Guiuan, knocking out power across Samar and Leyte as evacuation centres filled.',
  ),
  article(
    'karsa-toll',
    11,
    'Typhoon Karsa death toll rises to 41',
    'Rescuers reached cut-off villages in Samar as the Typhoon Karsa death toll rose to 41 and power stayed out in Leyte.',
  ),
];
/** Published four days later: the same story. */
const followUp = article(
  'karsa-farms',
  14,
  'Samar farmers count Typhoon Karsa losses',
  'Farmers in Samar and Leyte counted rice losses after Typhoon Karsa flattened fields near Guiuan; power is back in most towns.',
);
/** Full of the topic's words, but about typhoons in general: not the story. */
const explainer = article(
  'typhoon-explainer',
  12,
  'Why typhoons are getting stronger',
  'Scientists say warmer oceans make typhoons stronger, wetter and slower moving, and typhoon seasons longer, from the Pacific to the Bay of Bengal.',
);

const build = (articles: IndexableArticle[], overrides = {}): RelatedEngine => {
  const engine = createRelatedEngine(resolveRelatedSettings(overrides));
  for (const entry of articles) engine.upsert(engine.analyze(entry));
  return engine;
};

describe('stories', () => {
  it("takes a follow-up published days later into the story, first in the older article's list, and not an article on the topic", () => {
    const engine = build([...background, ...karsa, explainer, followUp]);
    expect(engine.storyMembers('karsa-landfall')).toEqual(['karsa-landfall', 'karsa-toll', 'karsa-farms']);
    expect(engine.storyOf('karsa-farms')).toBe('karsa-landfall');
    expect(engine.storyOf('typhoon-explainer')).not.toBe('karsa-landfall');
    const list = engine.related('karsa-landfall');
    expect(
      list
        .slice(0, 2)
        .map((link) => link.id)
        .sort(),
    ).toEqual(['karsa-farms', 'karsa-toll']);
    expect(list.slice(0, 2).every((link) => link.sameStory === true)).toBe(true);
    expect(list.find((link) => link.id === 'typhoon-explainer')?.sameStory).toBeUndefined();
  });

  it('keeps a later storm with the same words out of the story when weeks apart', () => {
    const later = article(
      'karsa-anniversary',
      80,
      'Typhoon Karsa: Samar rebuilds a year on',
      'Samar and Leyte rebuilt homes and power lines after Typhoon Karsa; Guiuan evacuation centres reopened as schools.',
    );
    const engine = build([...background, ...karsa, later]);
    expect(engine.storyOf('karsa-anniversary')).toBe('karsa-anniversary');
    expect(engine.related('karsa-landfall').find((link) => link.id === 'karsa-anniversary')?.sameStory).toBeUndefined();
  });

  it('keeps story names when an unrelated article is saved, and tells which documents changed story', () => {
    const engine = build([...background, ...karsa, followUp]);
    expect(engine.storyOf('karsa-toll')).toBe('karsa-landfall');
    engine.takeStoryChanges();
    engine.upsert(
      engine.analyze(article('bg-rail', 13, 'Rail strike called off', 'The rail union called off its strike after a late pay offer from the operator.')),
    );
    expect(engine.storyOf('karsa-toll')).toBe('karsa-landfall');
    expect(engine.takeStoryChanges()).not.toEqual(expect.arrayContaining(['karsa-toll']));
    // The story's first article goes: the story is named after the next one, for all its members.
    engine.remove('karsa-landfall');
    expect(engine.storyOf('karsa-farms')).toBe('karsa-toll');
    expect(engine.takeStoryChanges().sort()).toEqual(['karsa-farms', 'karsa-landfall', 'karsa-toll']);
  });

  it('splits a story when the article that bridged its two halves is removed', () => {
    const crane = article(
      'quay-crane',
      20,
      'Crane collapses at Osterby quay',
      'A harbour crane collapsed at Osterby quay when its brakes failed; dockers escaped unhurt.',
    );
    const bridge = article(
      'quay-inquiry',
      21,
      'Osterby quay inquiry: crane brakes failed, ferry berth flooded',
      'The inquiry found the Osterby quay crane brakes failed and the harbour crane collapsed; the same night the ferry berth flooded and the terminal roof tore off.',
    );
    const ferry = article(
      'ferry-berth',
      22,
      'Ferry berth flooded, terminal roof torn off',
      'The ferry berth flooded overnight and the terminal roof tore off; ferry sailings to the islands were cancelled.',
    );
    const engine = build([...background, crane, bridge, ferry]);
    expect(engine.storyMembers('quay-crane')).toEqual(['quay-crane', 'quay-inquiry', 'ferry-berth']);
    engine.remove('quay-inquiry');
    expect(engine.storyOf('quay-crane')).toBe('quay-crane');
    expect(engine.storyOf('ferry-berth')).toBe('ferry-berth');
  });

  it('gives the same stories whatever order the articles came in, and after a restart from stored vectors', () => {
    const all = [...background, ...karsa, explainer, followUp];
    const forward = build(all);
    const backward = build([...all].reverse());
    backward.invalidateProfiles();
    forward.invalidateProfiles();
    for (const { id } of all) expect(backward.storyOf(id)).toBe(forward.storyOf(id));

    const restarted = createRelatedEngine(resolveRelatedSettings());
    for (const entry of [...all].reverse()) restarted.upsert({ ...forward.analyze(entry), vector: forward.vectorOf(entry.id) });
    for (const { id } of all) expect(restarted.storyMembers(id)).toEqual(forward.storyMembers(id));
  });

  it('shows an article an editor took out of the story as an ordinary link', () => {
    const engine = build([...background, ...karsa, followUp]);
    const list = engine.related('karsa-landfall', { notInStory: ['karsa-toll'] });
    expect(list[0]).toMatchObject({ id: 'karsa-farms', sameStory: true });
    expect(list.find((link) => link.id === 'karsa-toll')?.sameStory).toBeUndefined();
  });

  it('turns off with a threshold of 1', () => {
    const engine = build([...background, ...karsa, followUp], { stories: { threshold: 1 } });
    expect(engine.storyOf('karsa-farms')).toBe('karsa-farms');
    expect(engine.related('karsa-landfall').some((link) => link.sameStory)).toBe(false);
  });
});
