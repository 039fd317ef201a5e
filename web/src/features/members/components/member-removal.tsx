import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';

/** Removing a member, behind an explicit second click. */
export function MemberRemoval(props: { memberName: string; isBusy: boolean; onRemove: () => void }) {
  const [isConfirming, setConfirming] = useState(false);
  return (
    <section class="account-part" aria-labelledby="member-remove-title">
      <h3 id="member-remove-title">{t('memberAdmin.removeTitle')}</h3>
      <p class="hint">{t('memberAdmin.removeHint')}</p>
      {isConfirming ? (
        <div class="actions">
          <button
            type="button"
            class="button-danger"
            id="confirm-remove-member"
            disabled={props.isBusy}
            onClick={props.onRemove}
          >
            {t('memberAdmin.confirmRemove', { name: props.memberName })}
          </button>
          <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
            {t('stepUp.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="button-danger" id="remove-member" onClick={() => setConfirming(true)}>
          {t('memberAdmin.remove')}
        </button>
      )}
    </section>
  );
}
