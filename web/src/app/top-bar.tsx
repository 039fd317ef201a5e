import { currentLanguage, offeredLanguages, t } from '../lib/i18n.ts';
import type { Language } from '../lib/i18n.ts';
import type { SessionView } from '../features/auth/api/types.ts';
import { navigationOf } from './routes.tsx';

export function TopBar(props: {
  session: SessionView | null;
  onLanguage: (language: Language) => void;
  onSignOut: () => void;
  onHelp: () => void;
}) {
  const links = props.session ? navigationOf(props.session) : [];
  return (
    <header class="top-bar">
      <span class="brand">{t('app.name')}</span>
      {links.length > 0 ? (
        <nav aria-label={t('nav.label')}>
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <a href={link.href}>{t(link.key)}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div class="top-actions">
        <label class="language">
          <span>{t('app.language')}</span>
          <select
            id="language-select"
            value={currentLanguage()}
            onChange={(event) => props.onLanguage(event.currentTarget.value)}
          >
            {offeredLanguages().map((language) => (
              <option value={language.code} key={language.code} lang={language.code}>
                {language.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="button-secondary" onClick={props.onHelp} aria-label={t('help.open')}>
          ?
        </button>
        {props.session ? (
          <button type="button" class="button-secondary" onClick={props.onSignOut}>
            {t('app.signOut')}
          </button>
        ) : null}
      </div>
    </header>
  );
}
