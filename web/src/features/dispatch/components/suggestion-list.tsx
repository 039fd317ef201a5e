import { t } from '../../../lib/i18n.ts';
import type { Suggestion } from '../api/types.ts';

export function SuggestionList(props: { suggestions: Suggestion[]; onOffer: (memberId: string) => void }) {
  return (
    <ul class="suggestions">
      {props.suggestions.map((suggestion) => (
        <li key={suggestion.memberId}>
          <span>{suggestion.displayName}</span>
          {suggestion.distanceMeters !== null
            ? ` · ${t('dispatch.distance', { km: Math.round(suggestion.distanceMeters / 100) / 10 })}`
            : ''}{' '}
          <button
            type="button"
            class="button"
            data-send-offer={suggestion.memberId}
            onClick={() => props.onOffer(suggestion.memberId)}
          >
            {t('dispatch.sendOffer', { name: suggestion.displayName })}
          </button>
        </li>
      ))}
    </ul>
  );
}
