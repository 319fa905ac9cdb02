/**
 * The answers layer: ask, then build cards, for every host (the bot, the HTTP API, the warm-up),
 * and what card buttons do to the knowledge. No Bot Framework, no HTTP.
 */
export { Answers, type AnswersDeps, type Voter } from './answers';
export { AnswerCache, type CachedAnswer } from './answer-cache';
export { votedCards } from './voted-cards';
