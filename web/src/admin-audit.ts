import { h } from 'preact';
import type { ComponentChild } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { auditActions } from '../../server/modules/identity/audit/audit-actions.ts';
import { get } from './api.ts';
import { formText } from './forms.ts';
import { formatTime, t } from './i18n.ts';
import { errorNoticeOf } from './admin-notice.ts';
import type { Notice } from './admin-notice.ts';

interface AuditEntry {
  id: string;
  seq: number;
  action: string;
  actorMemberId: string | null;
  objectType: string | null;
  objectId: string | null;
  metadata: unknown;
  createdAt: string | null;
}

interface Verification {
  entries: number;
  isIntact: boolean;
  firstBrokenSeq?: number;
  reason?: string;
  headSeq: number;
  headHash: string;
}

type Filters = Record<string, string>;

/** Query string of the filters; `cursor` continues before the previous page's last entry. */
function queryOf(filters: Filters, cursor: string | null): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

/** datetime-local has no zone: read it in the browser's zone, send an ISO instant. */
function instantOf(value: string): string {
  if (!value) return '';
  const time = new Date(value).getTime();
  return Number.isFinite(time) ? new Date(time).toISOString() : '';
}

/** The network's hash-chained audit trail, newest first, with filters and a chain check. */
export function AuditView() {
  const [filters, setFilters] = useState<Filters>({ limit: '50' });
  // Cursors of the pages shown so far: the first page has none.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [isLoading, setLoading] = useState(true);

  const load = useCallback(async (wanted: Filters, cursor: string | null) => {
    setLoading(true);
    try {
      const page = await get<{ entries: AuditEntry[]; nextCursor: string | null }>(
        `/api/audit?${queryOf(wanted, cursor)}`,
      );
      setEntries(page.entries);
      setNextCursor(page.nextCursor);
      setNotice(null);
    } catch (caught) {
      setNotice(errorNoticeOf(caught, 'adminAudit.loadFailed'));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load({ limit: '50' }, null);
    get<{ members: { id: string; displayName: string }[] }>('/api/members')
      .then((list) => setNames(new Map(list.members.map((member) => [member.id, member.displayName]))))
      .catch(() => undefined);
  }, [load]);

  const applyFilters = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const wanted: Filters = {
      action: formText(form, 'action'),
      actorMemberId: formText(form, 'actorMemberId'),
      objectType: formText(form, 'objectType'),
      objectId: formText(form, 'objectId'),
      from: instantOf(formText(form, 'from')),
      to: instantOf(formText(form, 'to')),
      limit: formText(form, 'limit'),
    };
    setFilters(wanted);
    setCursors([null]);
    void load(wanted, null);
  };

  const older = () => {
    if (!nextCursor) return;
    setCursors([...cursors, nextCursor]);
    void load(filters, nextCursor);
  };
  const newer = () => {
    const previous = cursors.slice(0, -1);
    setCursors(previous.length > 0 ? previous : [null]);
    void load(filters, previous.at(-1) ?? null);
  };

  const verify = async () => {
    setVerification(null);
    try {
      setVerification(await get<Verification>('/api/audit/verify'));
    } catch (caught) {
      setNotice(errorNoticeOf(caught, 'action.failed'));
    }
  };

  const actorOf = (id: string | null) => (id ? (names.get(id) ?? id.slice(0, 8)) : t('adminAudit.system'));

  return h(
    'section',
    { class: 'panel wide', 'aria-labelledby': 'audit-title' },
    h('h1', { id: 'audit-title' }, t('adminAudit.title')),
    h('p', { class: 'hint' }, t('adminAudit.intro')),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'button', id: 'audit-verify', onClick: () => void verify() },
        t('adminAudit.verify'),
      ),
    ),
    verification ? verificationResult(verification) : null,
    notice ? h('p', { class: 'notice', role: 'status' }, notice.render()) : null,
    filterForm(),
    h(
      'table',
      { class: 'admin-table audit-table', id: 'audit-list', 'aria-busy': isLoading ? 'true' : 'false' },
      h('caption', null, t('adminAudit.caption', { count: entries.length, page: cursors.length })),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            'adminAudit.seq',
            'adminAudit.time',
            'adminAudit.action',
            'adminAudit.actor',
            'adminAudit.object',
            'adminAudit.details',
          ].map((key) => h('th', { scope: 'col', key }, t(key))),
        ),
      ),
      h(
        'tbody',
        null,
        entries.map((entry) =>
          h(
            'tr',
            { key: entry.id, 'data-action': entry.action },
            h('td', null, String(entry.seq)),
            h('td', null, entry.createdAt ? formatTime(Date.parse(entry.createdAt)) : '—'),
            h('td', null, h('code', { dir: 'ltr' }, entry.action)),
            h('td', { dir: 'auto' }, actorOf(entry.actorMemberId)),
            h(
              'td',
              null,
              entry.objectType
                ? h('code', { dir: 'ltr' }, `${entry.objectType} ${entry.objectId ?? ''}`)
                : '—',
            ),
            h('td', null, h('code', { class: 'metadata', dir: 'ltr' }, JSON.stringify(entry.metadata ?? {}))),
          ),
        ),
      ),
    ),
    entries.length === 0 && !isLoading ? h('p', { class: 'empty' }, t('adminAudit.empty')) : null,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button-secondary',
          id: 'audit-newer',
          disabled: cursors.length <= 1,
          onClick: newer,
        },
        t('adminAudit.newer'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button-secondary',
          id: 'audit-older',
          disabled: !nextCursor,
          onClick: older,
        },
        t('adminAudit.older'),
      ),
    ),
  );

  function verificationResult(result: Verification) {
    return h(
      'div',
      { class: result.isIntact ? 'verify-ok' : 'verify-broken', role: 'status', id: 'audit-verification' },
      h(
        'p',
        null,
        h(
          'strong',
          null,
          result.isIntact
            ? t('adminAudit.intact')
            : t('adminAudit.broken', { seq: result.firstBrokenSeq ?? 0 }),
        ),
        ' ',
        t('adminAudit.verifiedEntries', { count: result.entries }),
      ),
      result.reason ? h('p', { dir: 'ltr' }, result.reason) : null,
      h(
        'p',
        { class: 'hint' },
        t('adminAudit.head', { seq: result.headSeq }),
        ' ',
        h('code', { class: 'hash', dir: 'ltr' }, result.headHash),
      ),
    );
  }

  function filterForm() {
    const field = (name: string, key: string, control: ComponentChild) =>
      h('div', { class: 'field', key: name }, h('label', { for: `audit-${name}` }, t(key)), control);
    return h(
      'form',
      { class: 'filters', onSubmit: applyFilters, 'aria-label': t('adminAudit.filters') },
      field(
        'action',
        'adminAudit.action',
        h(
          'select',
          { id: 'audit-action', name: 'action' },
          h('option', { value: '' }, t('adminAudit.any')),
          auditActions.map((action) => h('option', { value: action, key: action }, action)),
        ),
      ),
      field(
        'actorMemberId',
        'adminAudit.actor',
        h(
          'select',
          { id: 'audit-actorMemberId', name: 'actorMemberId' },
          h('option', { value: '' }, t('adminAudit.anyone')),
          [...names].map(([id, name]) => h('option', { value: id, key: id }, name)),
        ),
      ),
      field(
        'objectType',
        'adminAudit.objectType',
        h('input', { id: 'audit-objectType', name: 'objectType', dir: 'ltr' }),
      ),
      field(
        'objectId',
        'adminAudit.objectId',
        h('input', { id: 'audit-objectId', name: 'objectId', dir: 'ltr' }),
      ),
      field(
        'from',
        'adminAudit.from',
        h('input', { id: 'audit-from', name: 'from', type: 'datetime-local' }),
      ),
      field('to', 'adminAudit.to', h('input', { id: 'audit-to', name: 'to', type: 'datetime-local' })),
      field(
        'limit',
        'adminAudit.pageSize',
        h(
          'select',
          { id: 'audit-limit', name: 'limit' },
          ['10', '25', '50', '100', '200'].map((size) =>
            h('option', { value: size, key: size, selected: size === '50' }, size),
          ),
        ),
      ),
      h(
        'div',
        { class: 'filter-submit' },
        h('button', { type: 'submit', class: 'button', id: 'audit-apply' }, t('adminAudit.apply')),
      ),
    );
  }
}
