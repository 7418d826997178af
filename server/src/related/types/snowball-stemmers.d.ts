/** Minimal declarations for `snowball-stemmers` (JS port of the Snowball stemmers, no types shipped). */
declare module 'snowball-stemmers' {
  export interface SnowballStemmer {
    stem(word: string): string;
  }
  /** Throws for an unknown algorithm name; see `algorithms()`. */
  export function newStemmer(algorithm: string): SnowballStemmer;
  /** Algorithm names, e.g. `english`, `french`, `porter`. */
  export function algorithms(): string[];
}
