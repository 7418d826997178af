import type { DemoSection } from './types';

export const demoSections: DemoSection[] = [
  { slug: 'news', name: 'News', description: 'The day’s main stories at home and abroad.', position: 1, fr: { name: 'Actualités', description: 'Les principales informations du jour, ici et ailleurs.' } },
  { slug: 'world', name: 'World', parent: 'news', description: 'Reporting from our correspondents around the globe.', position: 1, fr: { name: 'Monde', description: 'Les reportages de nos correspondants dans le monde.' } },
  { slug: 'asia', name: 'Asia', parent: 'world', description: 'East, South and Southeast Asia.', position: 1, fr: { name: 'Asie', description: 'Asie de l’Est, du Sud et du Sud-Est.' } },
  { slug: 'politics', name: 'Politics', parent: 'news', description: 'Parliament, elections and the people who run for them.', position: 2, fr: { name: 'Politique', description: 'Le parlement, les élections et celles et ceux qui s’y présentent.' } },
  { slug: 'business', name: 'Business', description: 'Companies, markets, jobs and the economy.', position: 2, fr: { name: 'Économie', description: 'Entreprises, marchés, emploi et conjoncture.' } },
  { slug: 'technology', name: 'Technology', description: 'Software, hardware and the companies behind them.', position: 3, fr: { name: 'Technologie', description: 'Logiciels, matériel et les entreprises qui les font.' } },
  { slug: 'science', name: 'Science', description: 'Research, space and the natural world.', position: 4, fr: { name: 'Sciences', description: 'La recherche, l’espace et le monde naturel.' } },
  { slug: 'health', name: 'Health', description: 'Medicine, hospitals and public health.', position: 5, fr: { name: 'Santé', description: 'Médecine, hôpitaux et santé publique.' } },
  { slug: 'sport', name: 'Sport', description: 'Results, transfers and the stories behind the games.', position: 6, fr: { name: 'Sport', description: 'Résultats, transferts et coulisses des compétitions.' } },
  { slug: 'culture', name: 'Culture', description: 'Film, music, books and the arts.', position: 7, fr: { name: 'Culture', description: 'Cinéma, musique, livres et arts.' } },
  { slug: 'opinion', name: 'Opinion', description: 'Columns and editorials.', position: 8, fr: { name: 'Opinions', description: 'Chroniques et éditoriaux.' } },
];
