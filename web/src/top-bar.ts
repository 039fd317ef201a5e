import { h } from 'preact';
import { currentLanguage, languages, t } from './i18n.ts';
import type { Language } from './i18n.ts';
import type { Session } from './session.ts';
import { hasRole } from './session.ts';
import { adminLinks } from './admin-routes.ts';

const languageNames: Record<Language, string> = { en: 'English', es: 'Español', ar: 'العربية' };

export function TopBar(props: {
  session: Session | null;
  onLanguage: (language: Language) => void;
  onSignOut: () => void;
  onHelp: () => void;
}) {
  const { session } = props;
  const links: { href: string; key: string }[] = [];
  if (session && hasRole(session, 'dispatcher', 'coordinator', 'admin')) {
    links.push({ href: '#/queue', key: 'nav.queue' }, { href: '#/entry', key: 'nav.entry' });
    links.push({ href: '#/alerts', key: 'nav.alerts' });
  }
  if (session && hasRole(session, 'responder')) links.push({ href: '#/responder', key: 'nav.responder' });
  if (session && hasRole(session, 'coordinator', 'admin'))
    links.push({ href: '#/members', key: 'nav.members' });
  if (session && hasRole(session, 'coordinator', 'admin'))
    links.push({ href: '#/invitations', key: 'nav.invitations' });
  if (session) links.push({ href: '#/account', key: 'nav.account' });
  if (session) links.push(...adminLinks(session));
  return h(
    'header',
    { class: 'top-bar' },
    h('span', { class: 'brand' }, t('app.name')),
    links.length > 0
      ? h(
          'nav',
          { 'aria-label': t('nav.label') },
          h(
            'ul',
            null,
            links.map((link) => h('li', { key: link.href }, h('a', { href: link.href }, t(link.key)))),
          ),
        )
      : null,
    h(
      'div',
      { class: 'top-actions' },
      h(
        'label',
        { class: 'language' },
        h('span', null, t('app.language')),
        h(
          'select',
          {
            id: 'language-select',
            value: currentLanguage(),
            onChange: (event: Event) =>
              props.onLanguage((event.currentTarget as HTMLSelectElement).value as Language),
          },
          languages.map((language) =>
            h('option', { value: language, key: language, lang: language }, languageNames[language]),
          ),
        ),
      ),
      h(
        'button',
        { type: 'button', class: 'button-secondary', onClick: props.onHelp, 'aria-label': t('help.open') },
        '?',
      ),
      session
        ? h(
            'button',
            { type: 'button', class: 'button-secondary', onClick: props.onSignOut },
            t('app.signOut'),
          )
        : null,
    ),
  );
}
