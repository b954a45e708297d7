/**
 * What each notification says, as keys of the `notifications` catalogue and their parameters. One
 * exhaustive switch over the contract's types: a type added to the union without a line here fails
 * typecheck, and tests/unit/notificationRendering.test.ts checks every type against both catalogues.
 */
import type { Notification } from '@circles/shared';
import type catalogue from '../../i18n/locales/en/notifications';

export type NotificationKey = Exclude<keyof typeof catalogue, `${string}_${string}`>;

export interface NotificationText {
  /** The line that says what happened. */
  key: NotificationKey;
  params: Record<string, string>;
  /** For `moderation`: the action's own key, put into `key` as {{action}}. */
  actionKey?: NotificationKey;
  /** A quoted excerpt (a mention or reply the reader may see). */
  excerpt?: string;
  /** Moderation: why, and until when (ISO). */
  reason?: string;
  until?: string | null;
}

/** The moderation notice's action (notices.ts on the server) → its line. */
const MODERATION_ACTIONS: Record<string, NotificationKey> = {
  mute: 'moderation.mute',
  unmute: 'moderation.unmute',
  ban: 'moderation.ban',
  unban: 'moderation.unban',
  remove_member: 'moderation.removeMember',
  delete_message: 'moderation.deleteMessage',
  delete_question: 'moderation.deleteQuestion',
  delete_answer: 'moderation.deleteAnswer',
  suspend: 'moderation.suspend',
  unsuspend: 'moderation.unsuspend',
  appeal_declined: 'moderation.appealDeclined',
  appeal_granted: 'moderation.appealGranted',
};

export function describeNotification(n: Notification): NotificationText {
  switch (n.type) {
    case 'mention':
    case 'reply':
      return { key: `type.${n.type}`, params: { name: n.data.by.displayName, group: n.data.groupName }, excerpt: n.data.excerpt };
    case 'answer':
      return {
        key: n.data.byClinician ? 'type.answerClinician' : 'type.answer',
        params: { name: n.data.by.displayName, title: n.data.questionTitle },
      };
    case 'accepted':
      return { key: 'type.accepted', params: { title: n.data.questionTitle } };
    case 'join_approved':
      return { key: 'type.joinApproved', params: { group: n.data.groupName } };
    case 'join_denied':
      return { key: 'type.joinDenied', params: { group: n.data.groupName } };
    case 'join_request':
      return { key: 'type.joinRequest', params: { name: n.data.by.displayName, group: n.data.groupName } };
    case 'report':
      return { key: 'type.report', params: { group: n.data.groupName } };
    case 'moderation': {
      const actionKey = MODERATION_ACTIONS[n.data.action] ?? 'moderation.other';
      return {
        key: n.data.groupName ? 'moderation.inGroup' : actionKey,
        params: n.data.groupName ? { group: n.data.groupName } : {},
        actionKey,
        reason: n.data.reason || undefined,
        until: n.data.until,
      };
    }
    case 'event':
      return {
        key: n.data.kind === 'started' ? 'type.eventStarted' : 'type.eventReminder',
        params: { title: n.data.title, group: n.data.groupName },
      };
    case 'staff_invite':
      return { key: 'type.staffInvite', params: { org: n.data.orgName, title: n.data.title } };
    case 'clinician_decision':
      return { key: n.data.decision === 'approved' ? 'type.clinicianApproved' : 'type.clinicianRejected', params: {} };
    default: {
      const forgotten: never = n;
      return forgotten;
    }
  }
}
