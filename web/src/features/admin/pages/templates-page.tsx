import { useState } from 'preact/hooks';
import { languageName, t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useMemberNames } from '../../members/hooks/use-member-names.ts';
import { listProposals } from '../api/proposals.ts';
import { listTemplates } from '../api/templates.ts';
import type { PresentedTemplate } from '../api/types.ts';
import { PendingProposals } from '../components/pending-proposals.tsx';
import { TemplateEditor } from '../components/template-editor.tsx';

function TemplateKeys(props: {
  templates: PresentedTemplate[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
}) {
  return (
    <nav aria-label={t('adminTemplates.listLabel')}>
      <ul class="template-keys">
        {props.templates.map((template) => (
          <li key={template.key}>
            <button
              type="button"
              class="button-secondary"
              aria-pressed={template.key === props.selectedKey ? 'true' : 'false'}
              data-template-key={template.key}
              onClick={() => props.onSelect(template.key)}
            >
              {t(`adminTemplates.key.${template.key}`)}
              {template.isDefault ? null : <span class="badge">{t('adminTemplates.customized')}</span>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Coordinators and admins propose changes to the pre-translated alert texts of each network
 * language; a change takes effect when a second coordinator approves it (listed here).
 */
export function TemplatesPage() {
  const list = useResource(listTemplates, []);
  const proposals = useResource(listProposals, []);
  const nameOf = useMemberNames();
  const [chosenLanguage, setLanguage] = useState<string | null>(null);
  const [chosenKey, setKey] = useState<string | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const templates = list.data?.templates ?? [];
  // Until the member chooses, the first template of the list.
  const language = chosenLanguage ?? templates[0]?.language ?? null;
  const key = chosenKey ?? templates[0]?.key ?? null;
  const languages = [...new Set(templates.map((template) => template.language))];
  const ofLanguage = templates.filter((template) => template.language === language);
  const selected = ofLanguage.find((template) => template.key === key) ?? null;
  const pending = proposals.data ?? [];
  const pendingForSelected = pending.filter(
    (proposal) =>
      proposal.key === selected?.key &&
      proposal.languages.some((entry) => entry.language === selected.language),
  );
  const shown = notice ?? (list.error ? errorMessageOf(list.error, 'adminTemplates.loadFailed') : null);

  return (
    <section class="panel wide" aria-labelledby="templates-title">
      <h1 id="templates-title">{t('adminTemplates.title')}</h1>
      <p class="hint">{t('adminTemplates.intro')}</p>
      <p class="hint">
        <a href="#/admin/network">{t('adminTemplates.languagesLink')}</a>
      </p>
      <Notice message={shown} />
      {languages.length > 1 ? (
        <div class="field inline-field">
          <label for="template-language">{t('adminTemplates.language')}</label>
          <select
            id="template-language"
            value={language ?? ''}
            onChange={(event) => setLanguage(event.currentTarget.value)}
          >
            {languages.map((code) => (
              <option value={code} key={code}>
                {`${languageName(code)} (${code})`}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="template-layout">
        <TemplateKeys templates={ofLanguage} selectedKey={key} onSelect={setKey} />
        {selected && list.data ? (
          <TemplateEditor
            key={`${selected.language}:${selected.key}`}
            template={selected}
            placeholders={list.data.placeholders}
            maxLength={list.data.maxLength}
            pending={pendingForSelected}
            onChanged={(message) => {
              setNotice(message);
              void list.reload();
              void proposals.reload();
            }}
          />
        ) : null}
      </div>
      <PendingProposals proposals={pending} nameOf={nameOf} />
    </section>
  );
}
