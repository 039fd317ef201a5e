import IntlMessageFormat from 'intl-messageformat';
import type { Catalogs } from './catalog-loader.ts';

/**
 * Longest rendering allowed for text-message namespaces: two concatenated GSM-7 segments (2 × 153).
 * Spanish accents and Arabic push a message to UCS-2 (67 per segment), so shorter is better still.
 */
export const smsMessageBudget = 306;
/** Width counted for each placeholder when measuring the longest rendering. */
const placeholderWidth = 12;

export interface CatalogCheckOptions {
  referenceLanguage?: string;
  /** Namespaces whose messages go out by SMS, measured against `smsMessageBudget`. */
  smsNamespaces?: readonly string[];
}

/** Problems that make a set of catalogs unfit to ship; empty when they are complete and consistent. */
export function checkCatalogs(catalogs: Catalogs, options: CatalogCheckOptions = {}): string[] {
  const referenceLanguage = options.referenceLanguage ?? 'en';
  const smsNamespaces = options.smsNamespaces ?? ['sms'];
  const reference = catalogs.get(referenceLanguage);
  if (!reference) return [`reference language "${referenceLanguage}" has no catalog`];
  const problems: string[] = [];
  for (const [language, catalog] of catalogs) {
    for (const key of reference.keys()) {
      if (!catalog.has(key)) problems.push(`${language}: missing key ${key}`);
    }
    for (const [key, message] of catalog) {
      if (!reference.has(key)) problems.push(`${language}: key ${key} is not in ${referenceLanguage}`);
      const analysis = analyzeMessage(message, language);
      if ('error' in analysis) {
        problems.push(`${language}: ${key} is not valid ICU MessageFormat (${analysis.error})`);
        continue;
      }
      const referenceMessage = reference.get(key);
      if (referenceMessage !== undefined && language !== referenceLanguage) {
        const expected = analyzeMessage(referenceMessage, referenceLanguage);
        if ('arguments' in expected && !sameSet(expected.arguments, analysis.arguments)) {
          problems.push(
            `${language}: ${key} has placeholders {${[...analysis.arguments].sort().join(', ')}}` +
              ` but ${referenceLanguage} has {${[...expected.arguments].sort().join(', ')}}`,
          );
        }
      }
      const namespace = key.split('.')[0] ?? '';
      if (smsNamespaces.includes(namespace) && analysis.longestRendering > smsMessageBudget) {
        problems.push(
          `${language}: ${key} can render ${analysis.longestRendering} characters, over the SMS budget of ${smsMessageBudget}`,
        );
      }
    }
  }
  return problems;
}

export interface MessageAnalysis {
  arguments: Set<string>;
  longestRendering: number;
}

/** Parses one ICU message: its argument names and the length of its longest possible rendering. */
export function analyzeMessage(message: string, language: string): MessageAnalysis | { error: string } {
  let ast: unknown[];
  try {
    ast = new IntlMessageFormat(message, language, undefined, { ignoreTag: true }).getAst();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const names = new Set<string>();
  const longestRendering = measure(ast, names);
  return { arguments: names, longestRendering };
}

interface AstElement {
  type: number;
  value?: unknown;
  options?: Record<string, { value: unknown[] }>;
  children?: unknown[];
}

// Element kinds of @formatjs/icu-messageformat-parser's TYPE enum.
const literal = 0;
const pound = 7;
const tag = 8;

function measure(elements: unknown[], names: Set<string>): number {
  let length = 0;
  for (const item of elements) {
    const element = item as AstElement;
    if (element.type === literal) {
      length += typeof element.value === 'string' ? element.value.length : 0;
    } else if (element.type === pound) {
      length += placeholderWidth;
    } else if (element.type === tag) {
      length += measure(element.children ?? [], names);
    } else {
      if (typeof element.value === 'string') names.add(element.value);
      if (element.options) {
        length += Math.max(
          0,
          ...Object.values(element.options).map((option) => measure(option.value, names)),
        );
      } else {
        length += placeholderWidth;
      }
    }
  }
  return length;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}
