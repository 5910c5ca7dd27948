import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';
import { safeSvg } from './safe-svg';

describe('renderMarkdown', () => {
  it.each([
    '[x](javascript:alert(1))',
    '[x](JavaScript:alert(1))',
    '[x](<javascript:alert(1)>)',
    '[x](&#106;avascript:alert(1))',
    '<javascript:alert(1)>',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](vbscript:msgbox)',
    '[x](/app/tenants)',
  ])('makes no link or image of %s', (text) => {
    const html = renderMarkdown(text);
    expect(html).not.toMatch(/<a |<img|<script/i);
  });

  it('loads no images: image markup is a plain link', () => {
    expect(renderMarkdown('![x](https://tracker.example/pixel.png)')).toBe('<p>!<a href="https://tracker.example/pixel.png" rel="noopener noreferrer nofollow" target="_blank">x</a></p>\n');
  });

  it('escapes raw HTML and keeps web and mail links, opened elsewhere without a referrer', () => {
    expect(renderMarkdown('<b onclick="x()">hi</b>')).toBe('<p>&lt;b onclick=&quot;x()&quot;&gt;hi&lt;/b&gt;</p>\n');
    expect(renderMarkdown('[docs](https://example.com/a?b=1) and mailto:me@example.com')).toBe(
      '<p><a href="https://example.com/a?b=1" rel="noopener noreferrer nofollow" target="_blank">docs</a> and <a href="mailto:me@example.com" rel="noopener noreferrer nofollow" target="_blank">mailto:me@example.com</a></p>\n',
    );
  });

  it('aligns table columns with classes, never inline styles (the CSP refuses them)', () => {
    const html = renderMarkdown('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |');
    expect(html).toContain('<th class="align-left">a</th>');
    expect(html).toContain('<td class="align-center">2</td>');
    expect(html).toContain('<td class="align-right">3</td>');
    expect(html).not.toContain('style');
  });
});

describe('safeSvg', () => {
  const ok = '<svg class="chart" viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg"><title>t</title><rect x="0" y="0" width="1" height="1"/></svg>';

  it('accepts a chart as our renderer draws it', () => expect(safeSvg(ok)).toBe(ok));

  it.each([
    ['not a string', 42],
    ['not svg', '<div>x</div>'],
    ['unclosed', '<svg>'],
    ['a script', '<svg><script>alert(1)</script></svg>'],
    ['a handler', '<svg><rect onclick="alert(1)"/></svg>'],
    ['a handler without quotes', '<svg onload=alert(1)></svg>'],
    ['a script URL', '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>'],
    ['an outside link', '<svg><image href="https://tracker.example/p.png"/></svg>'],
    ['embedded HTML', '<svg><foreignObject><div>x</div></foreignObject></svg>'],
    ['a style', '<svg><style>*{}</style></svg>'],
    ['an inline style', '<svg><rect style="fill:red"/></svg>'],
    ['text before it', 'x<svg></svg>'],
  ])('refuses %s', (_why, svg) => expect(safeSvg(svg)).toBeNull());
});
