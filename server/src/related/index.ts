/**
 * The related-links engine: pure TypeScript, no Strapi. See `engine.ts` for the entry point.
 */
export { RelatedEngine, createRelatedEngine, DEFAULT_LOCALE } from './engine';
export type { AffectedOptions, EngineStats, RelatedLink, RelatedOptions } from './engine';
export { createProfile, isArticleProfile } from './profile';
export type { ArticleProfile, IndexableArticle, StoredVector } from './profile';
export { analyzeFields, analyzerSignature, TAG_PREFIX } from './analyze';
export type { ArticleFields, TermCounts } from './analyze';
export { tokenize, normalizeText } from './tokenize';
export { languageFor, resolveLanguage, supportedLanguages, NO_LANGUAGE } from './language';
export { selectRelated } from './select';
export type { Candidate, Selected, SelectionRules } from './select';
export { recencyFactor } from './score';
export { profileBlockComputer } from './profile-blocks';
export { listContendersFinder, packContenders, unpackContenders } from './list-contenders';
export type { ListContenders, ListScoringShare, ListTarget, PackedContenders } from './list-contenders';
export type { SharedLists } from './inverted-index';
export { resized, sharedArray, takeReleasedSharedBytes } from './typed-arrays';
export { SortInSteps } from './sort-in-steps';
export type { ProfileBlock, ProfileStageShare } from './profile-blocks';
export { defaultRelatedSettings, resolveRelatedSettings } from './settings';
export type { RelatedSettings, RelatedSettingsOverrides, AnalysisSettings, FieldWeights, NumberPolicy } from './settings';
