/** Making something again, as people say it: "made a new one", "a new share with the same name". */
const MADE_AGAIN = String.raw`(?:made|make|makes|making|created?|creates|creating|built|build|builds|building|set up|setting up)\s+(?:a\s+)?(?:new|fresh|another)\s+one|(?:a\s+)?(?:new|fresh)\s+(?:\p{L}+\s+)?(?:with|under)\s+the\s+same\s+name`;
/** Trying something again, with up to two words between ("try it again", "tries this file again"). */
const TRY_AGAIN = String.raw`tr(?:y|ies|ied|ying)\s+(?:[\p{L}']+\s+){0,2}?again`;
/** Files brought back from the cloud: "pulled back down", "pull them back", "came down from azure". */
const PULLED_BACK = String.raw`pull(?:s|ed|ing)?\s+(?:[\p{L}']+\s+){0,2}?back(?:\s+down)?|c(?:ame|omes?|oming)\s+(?:back\s+)?down\s+from`;

/**
 * Phrases read as one word, or as none: the articles' word for what people say. Something made
 * again is "recreated"; what is "set up" (right, wrong, never) is "configured"; to "try it again"
 * is to "retry"; files pulled back are "recalled". "In use" and "timed out" are one word each,
 * since their parts are stop words ("the file is in use" would search "file" alone), and so is
 * "Trend Micro", an antivirus product the thesaurus knows by that one word. "Watch out
 * for" warns of something and does not ask to monitor it. The patterns hold no capturing group:
 * the group that matched tells which phrase it was.
 */
const PHRASE_WORDS: readonly [pattern: string, word: string][] = [
  [MADE_AGAIN, 'recreated'],
  [String.raw`(?:set|sets|setting)\s+up`, 'configured'],
  [TRY_AGAIN, 'retry'],
  [PULLED_BACK, 'recalled'],
  [String.raw`trend\s+micro`, 'trendmicro'],
  [String.raw`in\s+use`, 'inuse'],
  [String.raw`time[sd]?\s+out`, 'timeout'],
  [String.raw`watch(?:ing)?\s+out`, ''],
];
const PHRASES = new RegExp(
  String.raw`\b(?:${PHRASE_WORDS.map(([pattern]) => `(${pattern})`).join('|')})\b`,
  'gu',
);

/**
 * The word a phrase matched by PHRASES reads as. `args` are what `replace` passes after the
 * match: one capturing group per phrase (only the matching one set), then offset and text.
 */
function phraseWord(args: unknown[]): string {
  const at = PHRASE_WORDS.findIndex((_, k) => args[k] !== undefined);
  return ` ${PHRASE_WORDS[at][1]} `;
}

/** A lowercased text with each phrase of PHRASE_WORDS written as its word (one linear pass). */
export function readPhrases(text: string): string {
  return text.replace(PHRASES, (_, ...args: unknown[]) => phraseWord(args));
}
