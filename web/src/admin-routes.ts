import { h } from 'preact';
import { AreasView } from './admin-areas.ts';
import { AuditView } from './admin-audit.ts';
import { NetworkSettingsView } from './admin-network.ts';
import { TemplatesView } from './admin-templates.ts';
import { t } from './i18n.ts';
import { hasRole } from './session.ts';
import type { Session } from './session.ts';

/** `#/admin/<screen>`: who may open it (the server checks again on every call). */
const screens = {
  areas: { roles: ['admin'], view: AreasView, nav: 'nav.adminAreas' },
  templates: { roles: ['admin', 'coordinator'], view: TemplatesView, nav: 'nav.adminTemplates' },
  network: { roles: ['admin'], view: NetworkSettingsView, nav: 'nav.adminNetwork' },
  audit: { roles: ['admin'], view: AuditView, nav: 'nav.adminAudit' },
} as const;

type ScreenName = keyof typeof screens;

function isScreen(name: string | undefined): name is ScreenName {
  return name !== undefined && Object.hasOwn(screens, name);
}

/** The coordinator and admin screens under `#/admin/...`. */
export function AdminPage(props: { session: Session; screen: string | undefined }) {
  const name = props.screen;
  if (!isScreen(name) || !hasRole(props.session, ...screens[name].roles)) {
    return h(
      'section',
      { class: 'panel' },
      h('h1', null, t('adminAccess.title')),
      h('p', null, t('adminAccess.notAllowed')),
    );
  }
  return h(screens[name].view, null);
}

/** Navigation links to the admin screens this member may open. */
export function adminLinks(session: Session): { href: string; key: string }[] {
  return (Object.keys(screens) as ScreenName[])
    .filter((name) => hasRole(session, ...screens[name].roles))
    .map((name) => ({ href: `#/admin/${name}`, key: screens[name].nav }));
}
