import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { OneTimeLink } from './account-one-time-link.ts';
import { get, post } from './api.ts';
import { formatTime, t } from './i18n.ts';
import { messageOf } from './sign-in.ts';
import { useStepUp } from './step-up.ts';

interface RecoveryLink {
  id: string;
  url: string;
  expiresAt: number;
  needsApproval: boolean;
}

type RunWithStepUp = <T>(action: () => Promise<T>) => Promise<T | undefined>;

/** Where a second admin or coordinator approves a recovery link (not a secret: it needs a session). */
export function approvalAddress(memberId: string, linkId: string): string {
  return `${window.location.origin}/app/#/recovery/${memberId}/${linkId}`;
}

/**
 * For a member who lost every sign-in factor: an admin creates a recovery link (fresh step-up),
 * shown once with its expiry, and — when the server asks for it — a second person's approval.
 */
export function RecoveryLinkSection(props: {
  memberId: string;
  memberName: string;
  runWithStepUp: RunWithStepUp;
}) {
  const [link, setLink] = useState<RecoveryLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await props.runWithStepUp(() =>
        post<RecoveryLink>(`/api/members/${props.memberId}/recovery-links`),
      );
      if (created) setLink(created);
    } catch (caught) {
      setError(messageOf(caught, 'action.failed'));
    } finally {
      setBusy(false);
    }
  };

  return h(
    'section',
    { class: 'account-part', 'aria-labelledby': 'recovery-title' },
    h('h3', { id: 'recovery-title' }, t('recovery.title')),
    h('p', { class: 'hint' }, t('recovery.explain', { name: props.memberName })),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
    link
      ? h(
          OneTimeLink,
          { id: 'recovery-link', label: t('recovery.linkLabel'), url: link.url },
          h('p', null, t('recovery.expiresAt', { date: formatTime(link.expiresAt) })),
          link.needsApproval
            ? h(
                'div',
                { class: 'notice', id: 'recovery-needs-approval' },
                h('p', null, t('recovery.needsApproval')),
                h(
                  'p',
                  null,
                  h(
                    'a',
                    { href: approvalAddress(props.memberId, link.id), dir: 'ltr' },
                    t('recovery.approvalPage'),
                  ),
                ),
              )
            : h('p', { id: 'recovery-ready' }, t('recovery.ready')),
        )
      : h(
          'button',
          {
            type: 'button',
            class: 'button-secondary',
            id: 'create-recovery-link',
            disabled: isBusy,
            onClick: () => void create(),
          },
          t('recovery.create'),
        ),
  );
}

/** A different admin or coordinator approves a recovery link someone else created. */
export function RecoveryApprovalView(props: { memberId: string; linkId: string }) {
  const [memberName, setMemberName] = useState<string | null>(null);
  const [approvedAt, setApprovedAt] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const stepUp = useStepUp({ hint: t('stepUp.hintRecovery') });

  useEffect(() => {
    get<{ members: { id: string; displayName: string }[] }>('/api/members')
      .then((list) =>
        setMemberName(list.members.find((member) => member.id === props.memberId)?.displayName ?? null),
      )
      .catch(() => setMemberName(null));
  }, [props.memberId]);

  const approve = async () => {
    setNotice(null);
    try {
      const approved = await stepUp.run(() =>
        post<{ id: string; approvedAt: number }>(
          `/api/members/${props.memberId}/recovery-links/${props.linkId}/approve`,
        ),
      );
      if (approved) setApprovedAt(approved.approvedAt);
    } catch (caught) {
      setNotice(messageOf(caught, 'action.failed'));
    }
  };

  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'recovery-approval-title' },
    h('p', null, h('a', { href: '#/members' }, t('recovery.backToMembers'))),
    h('h1', { id: 'recovery-approval-title' }, t('recovery.approvalTitle')),
    h(
      'p',
      null,
      memberName ? t('recovery.approvalFor', { name: memberName }) : t('recovery.approvalForUnknown'),
    ),
    h('p', { class: 'hint' }, t('recovery.approvalExplain')),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    approvedAt !== null
      ? h(
          'p',
          { class: 'notice', role: 'status', id: 'recovery-approved' },
          t('recovery.approved', { date: formatTime(approvedAt) }),
        )
      : h(
          'button',
          { type: 'button', class: 'button', id: 'approve-recovery-link', onClick: () => void approve() },
          t('recovery.approve'),
        ),
    stepUp.dialog,
  );
}
