/** Names and lines the chat shows; dates and times come from i18n/format. */
import { i18n } from '../../i18n';

export { formatDay, formatTime, sameDay } from '../../i18n/format';

/** What a screen reader hears for each supportive reaction (translation keys). */
const EMOJI_KEYS = {
  '❤️': 'chat:emoji.heart',
  '🙏': 'chat:emoji.thanks',
  '👍': 'chat:emoji.thumbsUp',
  '🤗': 'chat:emoji.hug',
  '💪': 'chat:emoji.strength',
  '🌟': 'chat:emoji.star',
} as const;

export const emojiName = (emoji: string): string =>
  emoji in EMOJI_KEYS ? i18n.t(EMOJI_KEYS[emoji as keyof typeof EMOJI_KEYS]) : '';

export function typingLine(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return i18n.t('chat:typing.one', { name: names[0] });
  if (names.length === 2) return i18n.t('chat:typing.two', { first: names[0], second: names[1] });
  return i18n.t('chat:typing.many', { count: names.length });
}
