import { useEffect, useRef } from 'preact/hooks';

/** True when a key press belongs to a text field, so shortcuts must not fire. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey
  );
}

/** Like isTyping, but a checkbox or radio button takes no text: a letter pressed there is a shortcut. */
function isTypingText(event: KeyboardEvent): boolean {
  const target = event.target;
  if (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) {
    return event.ctrlKey || event.metaKey || event.altKey;
  }
  return isTyping(event);
}

/**
 * Calls `onPress` while the calling component is shown, when `key` is pressed outside a text field
 * (so "s" typed into a note is a letter, not a shortcut). `onPress` says whether it acted; only then
 * is the key's default action prevented.
 */
export function useShortcut(key: string, onPress: () => boolean): void {
  const latest = useRef(onPress);
  latest.current = onPress;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== key || event.defaultPrevented || isTypingText(event)) return;
      if (latest.current()) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key]);
}

/**
 * Single-key commands of a screen (`{ j: () => ..., Enter: () => ... }`) while it is shown, outside
 * text fields. A key with a command has its default action prevented; a command may return false
 * to leave the key alone (nothing to act on).
 */
export function useKeyCommands(commands: Record<string, () => boolean | void>): void {
  const latest = useRef(commands);
  latest.current = commands;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      const command = latest.current[event.key];
      if (!command || command() === false) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
