import { useMemo, useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { listMembers } from '../../members/api/members.ts';
import { listAuditActions, verifyAuditChain } from '../api/audit.ts';
import type { ChainVerification } from '../api/types.ts';
import { AuditFilterForm } from '../components/audit-filter-form.tsx';
import { AuditTable } from '../components/audit-table.tsx';
import { VerificationResult } from '../components/verification-result.tsx';
import { useAuditPages } from '../hooks/use-audit-pages.ts';

/** The network's hash-chained audit trail, newest first, with filters and a chain check. */
export function AuditPage() {
  const pages = useAuditPages();
  const members = useResource(() => listMembers().catch(() => []), []);
  const actions = useResource(listAuditActions, []);
  const names = useMemo(
    () => new Map((members.data ?? []).map((member) => [member.id, member.displayName])),
    [members.data],
  );
  const [verification, setVerification] = useState<ChainVerification | null>(null);
  const check = useAction();
  const verify = async () => {
    setVerification(null);
    const result = await check.run(verifyAuditChain);
    if (result) setVerification(result);
  };
  const actorOf = (id: string | null) => (id ? (names.get(id) ?? id.slice(0, 8)) : t('adminAudit.system'));
  const entries = pages.page.data?.entries ?? [];
  const loadFailure = pages.page.error ? errorMessageOf(pages.page.error, 'adminAudit.loadFailed') : null;

  return (
    <section class="panel wide" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('adminAudit.title')}</h1>
      <p class="hint">{t('adminAudit.intro')}</p>
      <div class="actions">
        <button type="button" class="button" id="audit-verify" onClick={() => void verify()}>
          {t('adminAudit.verify')}
        </button>
      </div>
      {verification ? <VerificationResult result={verification} /> : null}
      <Notice message={check.message ?? loadFailure} />
      <AuditFilterForm names={names} actions={actions.data ?? []} onApply={pages.apply} />
      <AuditTable
        entries={entries}
        page={pages.pageNumber}
        isLoading={pages.page.isLoading}
        actorOf={actorOf}
      />
      {entries.length === 0 && !pages.page.isLoading ? <p class="empty">{t('adminAudit.empty')}</p> : null}
      <div class="actions">
        <button
          type="button"
          class="button-secondary"
          id="audit-newer"
          disabled={!pages.hasNewer}
          onClick={pages.newer}
        >
          {t('adminAudit.newer')}
        </button>
        <button
          type="button"
          class="button-secondary"
          id="audit-older"
          disabled={!pages.hasOlder}
          onClick={pages.older}
        >
          {t('adminAudit.older')}
        </button>
      </div>
    </section>
  );
}
