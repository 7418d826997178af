import type { IndexableArticle } from '../../../server/src/related';

/** A small original news corpus: five subjects, four articles each, for the engine's unit tests. */

export type Subject = 'election' | 'football' | 'phones' | 'storm' | 'rates';

interface Story {
  subject: Subject;
  title: string;
  dek: string;
  body: string;
  tags: string[];
}

const stories: Story[] = [
  {
    subject: 'election',
    title: 'Prime minister calls snap general election for June',
    dek: 'Opposition parties say they are ready for the campaign.',
    body:
      'The prime minister has called a snap general election, telling parliament that voters should decide the future of the government. ' +
      'Opposition leaders welcomed the vote and said their party manifesto would focus on taxes, schools and hospitals. ' +
      'Polls suggest the governing party holds a narrow lead among voters in marginal constituencies.',
    tags: ['General election', 'Parliament'],
  },
  {
    subject: 'election',
    title: 'Opposition launches election manifesto with tax pledge',
    dek: 'The party promises to cut taxes for low earners.',
    body:
      'The opposition party launched its election manifesto on Monday, promising tax cuts and more money for hospitals. ' +
      'Its leader told supporters the campaign would win back voters in marginal constituencies. ' +
      'Ministers said the tax plans did not add up and the government would publish its own manifesto next week.',
    tags: ['General election', 'Taxes'],
  },
  {
    subject: 'election',
    title: 'Voters head to the polls in tight general election',
    dek: 'Turnout is expected to be high in marginal seats.',
    body:
      'Millions of voters are casting ballots in a general election that polls say is too close to call. ' +
      'Polling stations opened at seven and party leaders voted in their constituencies. ' +
      'The result in marginal seats will decide whether the government keeps its majority in parliament.',
    tags: ['General election'],
  },
  {
    subject: 'election',
    title: 'Government loses majority as election result declared',
    dek: 'A hung parliament leaves the prime minister seeking partners.',
    body:
      'The governing party lost its majority in parliament after the election result was declared overnight. ' +
      'The prime minister said talks with smaller parties would begin to form a government. ' +
      'Opposition leaders claimed the vote showed the country wanted a change of government.',
    tags: ['General election', 'Parliament'],
  },
  {
    subject: 'football',
    title: 'Striker scores twice as United beat City in derby',
    dek: 'A late goal settles a tense league match.',
    body:
      'The striker scored twice as United beat City in a tense derby at a packed stadium. ' +
      'The goalkeeper made several saves before a late goal settled the league match. ' +
      'The manager praised his players and said the win kept the club in the title race.',
    tags: ['Premier League'],
  },
  {
    subject: 'football',
    title: 'Manager sacked after club slides towards relegation',
    dek: 'The board acts after a fifth league defeat in a row.',
    body:
      'The club sacked its manager after a fifth straight league defeat left the team near the relegation places. ' +
      'Players and supporters had grown frustrated as the team failed to score in the last four matches. ' +
      'A caretaker coach will take charge of the squad for the derby at the weekend.',
    tags: ['Premier League'],
  },
  {
    subject: 'football',
    title: 'Goalkeeper saves penalty to send club into cup final',
    dek: 'The shootout ends a goalless semi-final.',
    body:
      'The goalkeeper saved the decisive penalty in a shootout to send his club into the cup final. ' +
      'Neither team managed to score a goal in the semi-final despite chances for both strikers. ' +
      'The manager said the players deserved the final after a long season in the league.',
    tags: ['FA Cup'],
  },
  {
    subject: 'football',
    title: 'Title race tightens after league leaders draw',
    dek: 'The champions close the gap with a comfortable win.',
    body:
      'The league leaders were held to a draw, leaving the title race open with five matches left. ' +
      'The champions closed the gap after their striker scored a hat-trick in a comfortable win. ' +
      'Both managers said the players must keep winning matches to lift the trophy.',
    tags: ['Premier League'],
  },
  {
    subject: 'phones',
    title: 'New smartphone launched with faster chip and better camera',
    dek: 'The handset goes on sale next month.',
    body:
      'The company launched its new smartphone with a faster processor chip, a brighter screen and a better camera. ' +
      'The handset runs the latest version of its operating system and has a larger battery. ' +
      'Analysts said smartphone sales had slowed and buyers now keep their phones for longer.',
    tags: ['Smartphones'],
  },
  {
    subject: 'phones',
    title: 'Smartphone sales fall as buyers keep handsets longer',
    dek: 'Makers turn to software and services to grow.',
    body:
      'Global smartphone sales fell for a third quarter as buyers kept their handsets for longer, according to analysts. ' +
      'Phone makers are adding camera and battery features and selling software services to grow revenue. ' +
      'Cheaper phones with fast chips sold well while premium handsets struggled.',
    tags: ['Smartphones'],
  },
  {
    subject: 'phones',
    title: 'Operating system update brings longer battery life to phones',
    dek: 'The free software update reaches older handsets too.',
    body:
      'A free operating system update promises longer battery life and a faster camera app on phones. ' +
      'The software also improves security on older handsets whose processor chips are slower. ' +
      'Users can download the update over wifi once their smartphone battery is charged.',
    tags: ['Smartphones', 'Software'],
  },
  {
    subject: 'phones',
    title: 'Chip shortage delays smartphone launches',
    dek: 'Factories wait for processors and camera sensors.',
    body:
      'A shortage of processor chips has delayed several smartphone launches, phone makers said. ' +
      'Factories are waiting for chips and camera sensors, and handsets may cost more this year. ' +
      'Analysts expect smartphone sales to recover once chip supplies improve.',
    tags: ['Smartphones', 'Chips'],
  },
  {
    subject: 'storm',
    title: 'Storm brings flooding and power cuts to coastal towns',
    dek: 'Thousands of homes are without electricity.',
    body:
      'A powerful storm brought heavy rain, strong winds and flooding to coastal towns overnight. ' +
      'Thousands of homes lost power as fallen trees brought down electricity lines. ' +
      'Forecasters warned that more rain would fall and rivers could burst their banks.',
    tags: ['Weather'],
  },
  {
    subject: 'storm',
    title: 'Rivers burst banks as heavy rain continues',
    dek: 'Flood warnings are issued across the region.',
    body:
      'Several rivers burst their banks after days of heavy rain, flooding homes and roads. ' +
      'Emergency services rescued residents from flooded houses and the forecasters issued flood warnings. ' +
      'The storm is expected to move away from the coast by the weekend, bringing calmer winds.',
    tags: ['Weather', 'Floods'],
  },
  {
    subject: 'storm',
    title: 'Hurricane strengthens as it nears the coast',
    dek: 'Residents are told to leave low-lying areas.',
    body:
      'The hurricane strengthened over warm water and is expected to reach the coast with winds of great force. ' +
      'Forecasters told residents of low-lying coastal towns to leave before the storm surge and flooding. ' +
      'Power companies prepared for widespread cuts to electricity.',
    tags: ['Weather', 'Hurricanes'],
  },
  {
    subject: 'storm',
    title: 'Clean-up begins after storm damage to homes',
    dek: 'Insurers expect thousands of flood claims.',
    body:
      'Residents began cleaning up after the storm damaged homes and flooding filled streets with mud. ' +
      'Engineers restored power to most homes, though some coastal towns remain without electricity. ' +
      'Insurers expect thousands of claims for flood and wind damage.',
    tags: ['Weather', 'Floods'],
  },
  {
    subject: 'rates',
    title: 'Central bank raises interest rates to fight inflation',
    dek: 'Borrowing costs reach their highest level in a decade.',
    body:
      'The central bank raised interest rates by a quarter of a point as inflation stayed above its target. ' +
      'Mortgage borrowers will face higher monthly payments, while savers may earn more. ' +
      'The governor said further rate rises could be needed if prices keep rising.',
    tags: ['Interest rates', 'Inflation'],
  },
  {
    subject: 'rates',
    title: 'Inflation falls for the first time this year',
    dek: 'Cheaper fuel eases the rise in prices.',
    body:
      'Inflation fell for the first time this year as cheaper fuel eased the rise in prices, official figures showed. ' +
      'Economists said the central bank might now pause its interest rate rises. ' +
      'Food prices and rents are still rising faster than wages.',
    tags: ['Inflation'],
  },
  {
    subject: 'rates',
    title: 'Mortgage rates climb after central bank decision',
    dek: 'Lenders pass on the higher borrowing costs.',
    body:
      'Lenders raised mortgage rates after the central bank decision to increase interest rates. ' +
      'Borrowers coming to the end of fixed deals face much higher monthly payments. ' +
      'Economists expect house prices to fall as borrowing costs rise and inflation stays high.',
    tags: ['Interest rates', 'Mortgages'],
  },
  {
    subject: 'rates',
    title: 'Governor warns interest rates will stay high',
    dek: 'Markets had hoped for cuts later this year.',
    body:
      'The central bank governor warned that interest rates would stay high until inflation returns to target. ' +
      'Markets had expected rate cuts later in the year, and the pound rose after the speech. ' +
      'Economists said mortgage borrowers and businesses would feel the squeeze on prices and borrowing.',
    tags: ['Interest rates', 'Inflation'],
  },
];

/** The corpus as indexable articles: ids `election-0` …, all English, one section per subject. */
export const corpus = (options: { locale?: string; dated?: boolean } = {}): (IndexableArticle & { subject: Subject })[] => {
  const counters = new Map<Subject, number>();
  return stories.map((story) => {
    const n = counters.get(story.subject) ?? 0;
    counters.set(story.subject, n + 1);
    return {
      id: `${story.subject}-${n}`,
      subject: story.subject,
      locale: options.locale ?? 'en',
      title: story.title,
      dek: story.dek,
      body: story.body,
      tags: story.tags,
      section: story.subject,
      sectionName: story.subject,
      publishedAt: options.dated ? Date.UTC(2024, 0, 1 + n) : null,
    };
  });
};

/** The subject encoded in a fixture id. */
export const subjectOf = (id: string): string => id.split('-')[0];
