/** The part of stopword (which ships no types) that Gazette uses: its lists, keyed by ISO 639-3 code. */
declare module 'stopword' {
  const lists: Readonly<Record<string, readonly string[] | undefined>>;
  export default lists;
}
