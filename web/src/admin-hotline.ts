import { h } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from './api.ts';
import { errorNoticeOf, noticeOf } from './admin-notice.ts';
import type { Notice } from './admin-notice.ts';
import { patchNetwork } from './admin-settings-form.ts';
import type { NetworkProfile } from './admin-settings-form.ts';
import { t } from './i18n.ts';

/**
 * The server's validation error for the list, translated: which number is not E.164 (the issue's
 * path ends with its index), else a repeated number or too many numbers.
 */
function hotlineErrorOf(caught: unknown, numbers: string[]): Notice {
  if (!(caught instanceof ApiError) || caught.code !== 'VALIDATION_FAILED') {
    return errorNoticeOf(caught, 'action.failed');
  }
  const issue = caught.details.find((detail) => detail.path?.startsWith('settings.hotlineNumbers'));
  const index = /^settings\.hotlineNumbers\.(\d+)$/.exec(issue?.path ?? '')?.[1];
  const number = index === undefined ? undefined : numbers[Number(index)];
  if (number !== undefined) return noticeOf('adminNetwork.hotline.invalid', { number });
  if (issue)
    return noticeOf(numbers.length > 10 ? 'adminNetwork.hotline.tooMany' : 'adminNetwork.hotline.repeated');
  return errorNoticeOf(caught, 'action.failed');
}

/**
 * The SMS hotline's numbers (E.164), which route a text to this network. Each addition or removal
 * is saved at once; the server validates the numbers.
 */
export function HotlineNumbersForm(props: {
  numbers: string[];
  onSaved: (profile: NetworkProfile, message: Notice) => void;
}) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<Notice | null>(null);
  const [isBusy, setBusy] = useState(false);

  const save = async (numbers: string[], doneKey: string) => {
    setBusy(true);
    setError(null);
    try {
      props.onSaved(await patchNetwork({ settings: { hotlineNumbers: numbers } }), noticeOf(doneKey));
    } catch (caught) {
      setError(hotlineErrorOf(caught, numbers));
    } finally {
      setBusy(false);
    }
  };

  const add = (event: Event) => {
    event.preventDefault();
    // People write numbers with spaces, dashes and brackets; E.164 has none of them.
    const number = draft.replace(/[\s().-]/g, '');
    if (!number) return;
    void save([...props.numbers, number], 'adminNetwork.hotline.added');
  };

  return h(
    'form',
    {
      id: 'hotline',
      class: 'settings-form',
      onSubmit: add,
      noValidate: true,
      'aria-labelledby': 'hotline-title',
    },
    h('h2', { id: 'hotline-title' }, t('adminNetwork.hotline.title')),
    h('p', { class: 'hint' }, t('adminNetwork.hotline.intro')),
    error ? h('p', { class: 'error', role: 'alert', id: 'hotline-error' }, error.render()) : null,
    props.numbers.length === 0
      ? h('p', { class: 'empty' }, t('adminNetwork.hotline.none'))
      : h(
          'ul',
          { id: 'hotline-list', class: 'hotline-list' },
          props.numbers.map((number) =>
            h(
              'li',
              { key: number, 'data-hotline-number': number },
              h('span', { dir: 'ltr' }, number),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'button-secondary',
                  disabled: isBusy,
                  'aria-label': t('adminNetwork.hotline.removeLabel', { number }),
                  onClick: () =>
                    void save(
                      props.numbers.filter((other) => other !== number),
                      'adminNetwork.hotline.removed',
                    ),
                },
                t('adminNetwork.hotline.remove'),
              ),
            ),
          ),
        ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'hotline-number' }, t('adminNetwork.hotline.number')),
      h('input', {
        id: 'hotline-number',
        type: 'tel',
        dir: 'ltr',
        autoComplete: 'off',
        value: draft,
        'aria-describedby': 'hotline-number-hint',
        onInput: (event: Event) => setDraft((event.currentTarget as HTMLInputElement).value),
      }),
      h('span', { class: 'hint', id: 'hotline-number-hint' }, t('adminNetwork.hotline.numberHint')),
    ),
    h(
      'button',
      { type: 'submit', class: 'button', id: 'hotline-add', disabled: isBusy },
      t('adminNetwork.hotline.add'),
    ),
  );
}
