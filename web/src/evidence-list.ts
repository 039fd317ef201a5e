import { h } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get } from './api.ts';
import { formatTime, t } from './i18n.ts';
import { messageOf } from './sign-in.ts';

export interface EvidenceItem {
  id: string;
  kind: 'photo' | 'video';
  mediaType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  hasSharedCopy: boolean;
  sharedMediaType: string | null;
  receivedAt: number;
}

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

/** Sizes as people read them: "1.4 MB", "820 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return t('field.size.mb', { size: Math.round((bytes / (1024 * 1024)) * 10) / 10 });
  return t('field.size.kb', { size: Math.max(1, Math.round(bytes / 1024)) });
}

/**
 * The incident's evidence for dispatchers. Photos and videos are offered only as the shared copy
 * (without location or device data), and only when asked for: every view is written to the
 * custody log, and a phone on a slow link should not pull every photo or video of a busy
 * incident. A fetched copy is shown (a video plays in the page) from a blob: URL.
 */
export function EvidenceList(props: { incidentId: string; changeCount: number }) {
  const [items, setItems] = useState<EvidenceItem[] | null>(null);
  const [isAvailable, setAvailable] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [shown, setShown] = useState<Record<string, string>>({});
  const urls = useRef<string[]>([]);

  const refresh = useCallback(async () => {
    try {
      setItems(
        (await get<{ evidence: EvidenceItem[] }>(`/api/incidents/${props.incidentId}/evidence`)).evidence,
      );
    } catch (caught) {
      if (caught instanceof ApiError && (caught.status === 403 || caught.status === 404)) setAvailable(false);
      else setNotice(messageOf(caught, 'field.evidence.loadFailed'));
    }
  }, [props.incidentId]);
  useEffect(() => void refresh(), [refresh, props.changeCount]);
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  if (!isAvailable) return null;

  const show = async (item: EvidenceItem) => {
    try {
      const response = await fetch(sharedCopyPath(item), { credentials: 'same-origin' });
      if (!response.ok) throw new ApiError(response.status, 'HTTP_' + response.status, '');
      const url = URL.createObjectURL(await response.blob());
      urls.current.push(url);
      setShown((current) => ({ ...current, [item.id]: url }));
    } catch (caught) {
      setNotice(
        messageOf(
          caught,
          item.kind === 'video' ? 'field.evidence.showVideoFailed' : 'field.evidence.showFailed',
        ),
      );
    }
  };

  return h(
    'section',
    { class: 'evidence', 'aria-labelledby': 'evidence-title' },
    h('h2', { id: 'evidence-title' }, t('field.evidence.title')),
    h('p', { class: 'hint' }, t('field.evidence.strippedNote')),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    items === null
      ? h('p', null, t('app.loading'))
      : items.length === 0
        ? h('p', { class: 'empty' }, t('field.evidence.none'))
        : h(
            'ul',
            { class: 'evidence-list' },
            items.map((item, index) => evidenceRow(item, index + 1)),
          ),
  );

  function evidenceRow(item: EvidenceItem, number: number) {
    const label =
      item.kind === 'photo'
        ? t('field.evidence.photoLabel', { number, time: formatTime(item.receivedAt) })
        : t('field.evidence.videoLabel', { number, time: formatTime(item.receivedAt) });
    const url = shown[item.id];
    return h(
      'li',
      { key: item.id, class: 'evidence-item', 'data-evidence-id': item.id },
      h('p', null, h('strong', null, label), ` · ${formatBytes(item.sizeBytes)}`),
      !item.hasSharedCopy
        ? h('p', { class: 'hint' }, t('field.evidence.counselOnly'))
        : url
          ? sharedCopyView(item, url, label)
          : null,
      item.hasSharedCopy
        ? h(
            'div',
            { class: 'actions' },
            url
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'button-secondary',
                    'data-show-evidence': item.id,
                    onClick: () => void show(item),
                  },
                  t(item.kind === 'video' ? 'field.evidence.showVideo' : 'field.evidence.show', { number }),
                ),
            h(
              'a',
              {
                href: sharedCopyPath(item),
                download: `amparo-${item.id.slice(-8)}.${extensions[item.sharedMediaType ?? ''] ?? 'jpg'}`,
                'data-download-evidence': item.id,
              },
              t(item.kind === 'video' ? 'field.evidence.downloadVideo' : 'field.evidence.download', {
                number,
              }),
            ),
          )
        : null,
    );
  }
}

/** A fetched shared copy: a photo, or a video with the browser's own controls. */
function sharedCopyView(item: EvidenceItem, url: string, label: string) {
  const size = { width: item.width ?? undefined, height: item.height ?? undefined };
  if (item.kind === 'video') {
    return h('video', {
      src: url,
      controls: true,
      playsInline: true,
      preload: 'metadata',
      'aria-label': label,
      class: 'evidence-video',
      ...size,
    });
  }
  return h('img', { src: url, alt: label, class: 'evidence-photo', ...size });
}

function sharedCopyPath(item: EvidenceItem): string {
  return `/api/evidence/${item.id}/shared`;
}
