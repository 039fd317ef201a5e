import { useRef } from 'preact/hooks';
import { formatTime, languageName, t } from '../../../lib/i18n.ts';
import { errorMessageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { isAbout } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { listVoicemails, voicemailAudioUrl } from '../api/voice.ts';
import type { PresentedVoicemail } from '../api/types.ts';

const speeds = [0.75, 1, 1.25, 1.5, 2] as const;

function durationOf(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** One voicemail: the browser's audio player (the server decrypts it for this member) and a speed choice. */
function VoicemailPlayer(props: { voicemail: PresentedVoicemail; index: number }) {
  const audio = useRef<HTMLAudioElement>(null);
  const { voicemail } = props;
  const speedId = `voicemail-speed-${voicemail.id}`;
  const label = t('voicemail.item', {
    number: props.index + 1,
    time: formatTime(voicemail.receivedAt),
    duration: durationOf(voicemail.durationSeconds),
    language: languageName(voicemail.language),
  });
  return (
    <li data-voicemail-id={voicemail.id}>
      <p class="voicemail-meta">{label}</p>
      <audio
        ref={audio}
        class="voicemail-audio"
        controls
        preload="metadata"
        src={voicemailAudioUrl(voicemail.id)}
        aria-label={label}
      />
      <div class="field inline">
        <label for={speedId}>{t('voicemail.speed')}</label>
        <select
          id={speedId}
          data-voicemail-speed
          defaultValue="1"
          onChange={(event) => {
            const speed = Number(event.currentTarget.value);
            if (audio.current) audio.current.playbackRate = speed;
          }}
        >
          {speeds.map((speed) => (
            <option value={String(speed)} key={speed}>
              {t('voicemail.speedValue', { speed })}
            </option>
          ))}
        </select>
      </div>
      <p class="hint">
        {t(voicemail.isDeletedAtProvider ? 'voicemail.deletedAtProvider' : 'voicemail.onProvider')}
      </p>
    </li>
  );
}

/**
 * Voicemails left on the phone line for this incident: an operator listens (faster or slower)
 * and types what the caller said into the report. Each play is an audited read on the server.
 */
export function VoicemailList(props: { incidentId: string }) {
  const voicemails = useLiveResource(() => listVoicemails(props.incidentId), {
    events: isAbout(props.incidentId),
    dependencies: [props.incidentId],
  });
  const items = voicemails.data ?? [];
  const failure = voicemails.error ? errorMessageOf(voicemails.error, 'voicemail.loadFailed') : null;
  if (items.length === 0 && !failure) return null;
  return (
    <section class="voicemails" aria-labelledby="voicemails-title">
      <h2 id="voicemails-title">{t('voicemail.title')}</h2>
      <p class="hint">{t('voicemail.intro')}</p>
      <Notice message={failure} />
      <ol class="voicemail-list">
        {items.map((voicemail, index) => (
          <VoicemailPlayer voicemail={voicemail} index={index} key={voicemail.id} />
        ))}
      </ol>
    </section>
  );
}
