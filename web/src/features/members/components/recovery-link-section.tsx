import { useState } from 'preact/hooks';
import { formatTime, t } from '../../../lib/i18n.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import type { RunWithStepUp } from '../../../lib/step-up/use-step-up.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { OneTimeLink } from '../../account/components/one-time-link.tsx';
import { createRecoveryLink } from '../api/members.ts';
import type { CreatedRecoveryLink } from '../api/types.ts';

/** Where a second admin or coordinator approves a recovery link (not a secret: it needs a session). */
function approvalAddress(memberId: string, linkId: string): string {
  return `${window.location.origin}/app/#/recovery/${memberId}/${linkId}`;
}

function RecoveryLinkShown(props: { memberId: string; link: CreatedRecoveryLink }) {
  const { link } = props;
  return (
    <OneTimeLink id="recovery-link" label={t('recovery.linkLabel')} url={link.url}>
      <p>{t('recovery.expiresAt', { date: formatTime(link.expiresAt) })}</p>
      {link.needsApproval ? (
        <div class="notice" id="recovery-needs-approval">
          <p>{t('recovery.needsApproval')}</p>
          <p>
            <a href={approvalAddress(props.memberId, link.id)} dir="ltr">
              {t('recovery.approvalPage')}
            </a>
          </p>
        </div>
      ) : (
        <p id="recovery-ready">{t('recovery.ready')}</p>
      )}
    </OneTimeLink>
  );
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
  const [link, setLink] = useState<CreatedRecoveryLink | null>(null);
  const creation = useAction();
  const create = async () => {
    const created = await creation.run(() => props.runWithStepUp(() => createRecoveryLink(props.memberId)));
    if (created) setLink(created);
  };
  return (
    <section class="account-part" aria-labelledby="recovery-title">
      <h3 id="recovery-title">{t('recovery.title')}</h3>
      <p class="hint">{t('recovery.explain', { name: props.memberName })}</p>
      <ErrorText message={creation.message} />
      {link ? (
        <RecoveryLinkShown memberId={props.memberId} link={link} />
      ) : (
        <button
          type="button"
          class="button-secondary"
          id="create-recovery-link"
          disabled={creation.isBusy}
          onClick={() => void create()}
        >
          {t('recovery.create')}
        </button>
      )}
    </section>
  );
}
