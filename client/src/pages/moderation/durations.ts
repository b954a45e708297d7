/** The lengths a moderator picks from for a mute or a ban, in minutes (null: until lifted). */
import { i18n } from '../../i18n';

export const MUTE_CHOICES = [15, 60, 480, 1440, 10_080, 43_200] as const;
export const BAN_CHOICES = [null, 1440, 10_080, 43_200, 525_600] as const;

/** "15 minutes", "8 hours", "7 days", "until lifted". */
export function durationLabel(minutes: number | null): string {
  if (minutes === null) return i18n.t('moderation:duration.untilLifted');
  if (minutes % 1440 === 0) return i18n.t('moderation:duration.days', { count: minutes / 1440 });
  if (minutes % 60 === 0) return i18n.t('moderation:duration.hours', { count: minutes / 60 });
  return i18n.t('moderation:duration.minutes', { count: minutes });
}
