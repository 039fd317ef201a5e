import { describe, expect, it } from 'vitest';
import { attributes, escapeHtml, html, raw } from './html.ts';

describe('html', () => {
  it('escapes every interpolation by default', () => {
    const hostile = `<script>alert(1)</script>"'\`&`;
    const result = html`<p title="${hostile}">${hostile}</p>`.value;
    expect(result).not.toContain('<script>');
    expect(result).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&#96;&amp;">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&#96;&amp;</p>',
    );
  });

  it('nests fragments and arrays without double escaping, and escapes array items', () => {
    const items = ['<a>', 'b'].map((item) => html`<li>${item}</li>`);
    const list = html`<ul>
      ${items}
    </ul>`.value.replace(/>\s+</g, '><');
    expect(list).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>');
    expect(html`${['<x>']}`.value).toBe('&lt;x&gt;');
  });

  it('renders nullish and booleans as nothing so conditions read naturally', () => {
    const isShown = false;
    expect(html`[${null}${undefined}${isShown && 'x'}${true}${0}]`.value).toBe('[0]');
  });

  it('passes raw() fragments through unchanged', () => {
    expect(html`<div>${raw('<b>trusted</b>')}</div>`.value).toBe('<div><b>trusted</b></div>');
  });

  it('does not treat look-alike objects as safe', () => {
    const fake = { value: '<img src=x onerror=alert(1)>' } as unknown as string;
    expect(html`${fake}`.value).toBe('[object Object]');
  });
});

describe('attributes', () => {
  it('escapes values, writes bare booleans and omits empty ones', () => {
    expect(
      attributes({ value: '"><script>', required: true, disabled: false, max: 3, hint: undefined }).value,
    ).toBe(' value="&quot;&gt;&lt;script&gt;" required max="3"');
  });

  it('rejects an attribute name that could inject markup', () => {
    expect(() => attributes({ 'onclick="x" a': 'y' })).toThrow(/Invalid attribute name/);
  });
});

describe('escapeHtml', () => {
  it('leaves ordinary text, including non-Latin scripts, untouched', () => {
    expect(escapeHtml('Pilsen 60608 — العربية — ñandú')).toBe('Pilsen 60608 — العربية — ñandú');
  });
});
