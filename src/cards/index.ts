/**
 * Adaptive Cards for Teams, as pure functions from knowledge and matcher output to card JSON.
 * Templates live in `cards/` at the package root; nothing here sends anything.
 */
export type { AdaptiveCard, CardNode } from './types';
export {
  CARD_SCHEMA,
  MAX_CARD_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_PRIMARY_ACTIONS,
  jsonBytes,
} from './types';
export { answerCard, type AnswerCardOptions } from './answer-card';
export { multiCodeCard, type CodeItem } from './multi-code-card';
export { didYouMeanCard } from './did-you-mean-card';
export { unknownCodeCard, type UnknownCodeOptions } from './unknown-code-card';
export { offTopicCard } from './off-topic-card';
export { welcomeCard } from './welcome-card';
export { helpCard, type HelpCommand } from './help-card';
export { gapsCard, type GapsCardOptions } from './gaps-card';
export { cardForAnswer } from './card-for-answer';
export {
  syncFailureCard,
  alertCard,
  type SyncFailure,
  type AlertSummary,
  type NotificationState,
} from './notification-card';
export { fitCard } from './fit-card';
export { withFeedbackRecorded, hasFeedbackFor, FEEDBACK_THANKS } from './feedback-row';
export {
  healthCard,
  MAX_ENDPOINTS_SHOWN,
  type CodeExplanation,
  type ExplainCode,
} from './health-card';
export { escapeMarkdown, userText, articleText, MAX_USER_TEXT } from './escape';
