import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { previewTemplate } from '../api/templates.ts';
import type { PresentedTemplate, TemplatePreview } from '../api/types.ts';

const previewDelayMs = 350;

/**
 * The server renders the SMS exactly as an alert would carry it and counts its segments, a moment
 * after the member stops typing. `problem` is why the text cannot be used (or a failed save).
 */
export function useTemplatePreview(template: PresentedTemplate, body: string) {
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [problem, setProblem] = useState<Message | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    window.clearTimeout(timer.current);
    let isCurrent = true;
    timer.current = window.setTimeout(() => {
      previewTemplate(template, body)
        .then((answer) => {
          if (!isCurrent) return;
          setPreview(answer);
          setProblem(null);
        })
        .catch((caught: unknown) => {
          if (!isCurrent) return;
          setPreview(null);
          setProblem(errorMessageOf(caught, 'action.failed'));
        });
    }, previewDelayMs);
    return () => {
      isCurrent = false;
      window.clearTimeout(timer.current);
    };
  }, [body, template.key, template.language]);
  return { preview, problem, setProblem };
}
