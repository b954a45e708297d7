/** Words for reports: reasons, what was reported, decisions, audit actions. */
import type { Report, ReportReason } from '@circles/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { personName } from '../../i18n/people';

const KNOWN_ACTIONS = new Set([
  'remove_member', 'mute', 'unmute', 'ban', 'unban', 'role_change', 'pin_question', 'unpin_question', 'approve_join', 'deny_join',
  'settings_change', 'group_update', 'delete_message', 'delete_question', 'delete_answer', 'dismiss_report', 'suspend', 'unsuspend',
  'clinician_approve', 'clinician_reject', 'organization_verify', 'organization_unverify',
]);

export function useReportLabels() {
  const { t } = useTranslation('moderation');
  return useMemo(
    () => ({
      reason: (reason: ReportReason) => t(`reason.${reason}`),
      /** "Message by Ana", "Question by someone anonymous", "Appeal from Ana"… */
      target(report: Report): string {
        const name = personName(report.target?.author) ?? null;
        if (report.reason === 'appeal') return t('target.appeal', { name: personName(report.reporter) ?? t('target.someone') });
        const type = report.targetType;
        return name ? t(`target.${type}`, { name }) : t(`target.${type}Unknown`);
      },
      resolution: (action: string) => (action in RESOLUTIONS ? t(RESOLUTIONS[action as keyof typeof RESOLUTIONS]) : action),
      /** An audit log action in words (unknown ones as they are). */
      action: (action: string) => (KNOWN_ACTIONS.has(action) ? t(`audit.action.${action as 'mute'}`) : action),
    }),
    [t],
  );
}

const RESOLUTIONS = {
  dismiss: 'resolution.dismiss',
  remove: 'resolution.remove',
  mute: 'resolution.mute',
  ban: 'resolution.ban',
  lift: 'resolution.lift',
} as const;

export const AUDIT_ACTIONS = [...KNOWN_ACTIONS];
