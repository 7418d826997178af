/** Minimal declarations for `stopwords-iso`: ISO 639-1 code → stopword list. */
declare module 'stopwords-iso' {
  const lists: { readonly [code: string]: readonly string[] | undefined };
  export = lists;
}
