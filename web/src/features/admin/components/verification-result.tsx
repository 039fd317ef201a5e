import { t } from '../../../lib/i18n.ts';
import type { ChainVerification } from '../api/types.ts';

/** The chain check: intact, or where it breaks; and the head the check reached. */
export function VerificationResult(props: { result: ChainVerification }) {
  const { result } = props;
  return (
    <div class={result.isIntact ? 'verify-ok' : 'verify-broken'} role="status" id="audit-verification">
      <p>
        <strong>
          {result.isIntact
            ? t('adminAudit.intact')
            : t('adminAudit.broken', { seq: result.firstBrokenSeq ?? 0 })}
        </strong>{' '}
        {t('adminAudit.verifiedEntries', { count: result.entries })}
      </p>
      {result.reason ? <p dir="ltr">{result.reason}</p> : null}
      <p class="hint">
        {t('adminAudit.head', { seq: result.headSeq })}{' '}
        <code class="hash" dir="ltr">
          {result.headHash}
        </code>
      </p>
    </div>
  );
}
