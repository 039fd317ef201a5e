import { h } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from './api.ts';
import { t } from './i18n.ts';
import { errorNoticeOf, noticeOf } from './admin-notice.ts';
import type { Notice } from './admin-notice.ts';

interface Template {
  key: string;
  language: string;
  body: string;
  isDefault: boolean;
  updatedAt: number | null;
}

interface TemplateList {
  templates: Template[];
  placeholders: string[];
  maxLength: number;
}

interface Preview {
  text: string;
  sms: string;
  smsSegments: number;
  smsEncoding: string;
}

const previewDelayMs = 350;
const languageNames = (language: string) => {
  try {
    return (
      new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'language' }).of(language) ??
      language
    );
  } catch {
    return language;
  }
};

/** Coordinators and admins adapt the pre-translated alert texts of each network language. */
export function TemplatesView() {
  const [list, setList] = useState<TemplateList | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const refresh = useCallback(async () => {
    try {
      const loaded = await get<TemplateList>('/api/alert-templates');
      setList(loaded);
      setLanguage((current) => current ?? loaded.templates[0]?.language ?? null);
      setKey((current) => current ?? loaded.templates[0]?.key ?? null);
    } catch (caught) {
      setNotice(errorNoticeOf(caught, 'adminTemplates.loadFailed'));
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const languages = [...new Set(list?.templates.map((template) => template.language) ?? [])];
  const ofLanguage = list?.templates.filter((template) => template.language === language) ?? [];
  const selected = ofLanguage.find((template) => template.key === key) ?? null;

  return h(
    'section',
    { class: 'panel wide', 'aria-labelledby': 'templates-title' },
    h('h1', { id: 'templates-title' }, t('adminTemplates.title')),
    h('p', { class: 'hint' }, t('adminTemplates.intro')),
    h('p', { class: 'hint' }, h('a', { href: '#/admin/network' }, t('adminTemplates.languagesLink'))),
    notice ? h('p', { class: 'notice', role: 'status' }, notice.render()) : null,
    languages.length > 1
      ? h(
          'div',
          { class: 'field inline-field' },
          h('label', { for: 'template-language' }, t('adminTemplates.language')),
          h(
            'select',
            {
              id: 'template-language',
              value: language ?? '',
              onChange: (event: Event) => setLanguage((event.currentTarget as HTMLSelectElement).value),
            },
            languages.map((code) =>
              h('option', { value: code, key: code }, `${languageNames(code)} (${code})`),
            ),
          ),
        )
      : null,
    h(
      'div',
      { class: 'template-layout' },
      h(
        'nav',
        { 'aria-label': t('adminTemplates.listLabel') },
        h(
          'ul',
          { class: 'template-keys' },
          ofLanguage.map((template) =>
            h(
              'li',
              { key: template.key },
              h(
                'button',
                {
                  type: 'button',
                  class: 'button-secondary',
                  'aria-pressed': template.key === key ? 'true' : 'false',
                  'data-template-key': template.key,
                  onClick: () => setKey(template.key),
                },
                t(`adminTemplates.key.${template.key}`),
                template.isDefault ? null : h('span', { class: 'badge' }, t('adminTemplates.customized')),
              ),
            ),
          ),
        ),
      ),
      selected && list
        ? h(TemplateEditor, {
            key: `${selected.language}:${selected.key}`,
            template: selected,
            placeholders: list.placeholders,
            maxLength: list.maxLength,
            onChanged: (message) => {
              setNotice(message);
              void refresh();
            },
          })
        : null,
    ),
  );
}

function TemplateEditor(props: {
  template: Template;
  placeholders: string[];
  maxLength: number;
  onChanged: (message: Notice) => void;
}) {
  const { template } = props;
  const [body, setBody] = useState(template.body);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<Notice | null>(null);
  const [isBusy, setBusy] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  // The server renders the SMS exactly as an alert would carry it and counts its segments.
  useEffect(() => {
    window.clearTimeout(timer.current);
    let isCurrent = true;
    timer.current = window.setTimeout(() => {
      post<Preview>('/api/alert-templates/preview', { key: template.key, language: template.language, body })
        .then((answer) => {
          if (!isCurrent) return;
          setPreview(answer);
          setProblem(null);
        })
        .catch((caught: unknown) => {
          if (!isCurrent) return;
          setPreview(null);
          setProblem(errorNoticeOf(caught, 'action.failed'));
        });
    }, previewDelayMs);
    return () => {
      isCurrent = false;
      window.clearTimeout(timer.current);
    };
  }, [body, template.key, template.language]);

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      // A change is a proposal: it takes effect when a second coordinator approves it.
      await post('/api/alert-templates/proposals', {
        key: template.key,
        texts: { [template.language]: body },
      });
      props.onChanged(noticeOf('adminTemplates.proposed'));
    } catch (caught) {
      setProblem(errorNoticeOf(caught, 'action.failed'));
    } finally {
      setBusy(false);
    }
  };

  const restore = async () => {
    setBusy(true);
    try {
      await post('/api/alert-templates/proposals', {
        key: template.key,
        texts: { [template.language]: null },
      });
      props.onChanged(noticeOf('adminTemplates.restoreProposed'));
    } catch (caught) {
      setProblem(errorNoticeOf(caught, 'action.failed'));
    } finally {
      setBusy(false);
    }
  };

  const isRtl = template.language === 'ar' || template.language === 'fa';
  return h(
    'form',
    { class: 'template-editor', onSubmit: save, 'aria-labelledby': 'template-editor-title' },
    h('h2', { id: 'template-editor-title' }, t(`adminTemplates.key.${template.key}`)),
    h(
      'p',
      { class: 'hint' },
      template.isDefault ? t('adminTemplates.isDefault') : t('adminTemplates.isCustomized'),
    ),
    h(
      'label',
      { for: 'template-body' },
      t('adminTemplates.body', { language: languageNames(template.language) }),
    ),
    h('textarea', {
      id: 'template-body',
      rows: 4,
      lang: template.language,
      dir: isRtl ? 'rtl' : 'auto',
      value: body,
      'aria-describedby': 'template-hint template-count',
      'aria-invalid': problem ? 'true' : 'false',
      onInput: (event: Event) => setBody((event.currentTarget as HTMLTextAreaElement).value),
    }),
    h(
      'p',
      { class: 'hint', id: 'template-hint' },
      t('adminTemplates.placeholders', { list: props.placeholders.map((name) => `{${name}}`).join(' ') }),
    ),
    h(
      'p',
      { id: 'template-count', class: body.length > props.maxLength ? 'error' : 'hint' },
      t('adminTemplates.length', { count: body.length, max: props.maxLength }),
    ),
    problem ? h('p', { class: 'error', role: 'alert', id: 'template-problem' }, problem.render()) : null,
    preview
      ? h(
          'div',
          { class: 'preview-card', 'aria-live': 'polite', id: 'template-preview' },
          h('h3', null, t('adminTemplates.smsPreview')),
          h('pre', { class: 'sms', lang: template.language, dir: isRtl ? 'rtl' : 'auto' }, preview.sms),
          h(
            'p',
            { id: 'template-segments', 'data-segments': String(preview.smsSegments) },
            t('adminTemplates.segments', { count: preview.smsSegments, encoding: preview.smsEncoding }),
          ),
        )
      : null,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'submit', class: 'button', id: 'template-save', disabled: isBusy },
        t('adminTemplates.save'),
      ),
      template.isDefault
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'button-secondary',
              id: 'template-restore',
              disabled: isBusy,
              onClick: () => void restore(),
            },
            t('adminTemplates.restore'),
          ),
    ),
  );
}
