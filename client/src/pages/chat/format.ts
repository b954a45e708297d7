/** Dates and names as the chat shows them. */
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });

export const formatTime = (iso: string) => timeFormat.format(new Date(iso));

const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

export function formatDay(iso: string): string {
  const d = new Date(iso);
  const today = dayStart(new Date());
  const day = dayStart(d);
  if (day === today) return 'Today';
  if (day === today - 86_400_000) return 'Yesterday';
  return dayFormat.format(d);
}

export const sameDay = (a: string, b: string) => dayStart(new Date(a)) === dayStart(new Date(b));

/** What a screen reader hears for each supportive reaction. */
export const EMOJI_NAMES: Record<string, string> = {
  '❤️': 'heart',
  '🙏': 'thank you',
  '👍': 'thumbs up',
  '🤗': 'hug',
  '💪': 'strength',
  '🌟': 'star',
};

export function typingLine(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}
