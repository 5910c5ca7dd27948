import MarkdownIt from 'markdown-it';

/** Links the model may write: the web and mail. Anything else (javascript:, data:, relative) stays text. */
const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

/**
 * Markdown as the assistant writes it, made safe for our pages: raw HTML is escaped (`html: false`),
 * links are only http(s) and mailto and open elsewhere without a referrer, images are off (the CSP
 * would block them and they would tell a third party who reads), and table alignment becomes a class
 * because the CSP refuses inline styles.
 */
const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false });
md.disable(['image']);
md.validateLink = (url) => SAFE_LINK.test(url.trim());

const renderToken: NonNullable<typeof md.renderer.rules.link_open> = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
const linkOpen = md.renderer.rules.link_open ?? renderToken;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  tokens[idx]!.attrSet('target', '_blank');
  return linkOpen(tokens, idx, options, env, self);
};

md.core.ruler.push('chat_align_classes', (state) => {
  for (const token of state.tokens) {
    const style = token.attrGet('style');
    if (style === null) continue;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    const align = /text-align:\s*(left|right|center)/.exec(String(style))?.[1];
    if (align) token.attrJoin('class', `align-${align}`);
  }
});

/** The HTML of `text` (Markdown from the model): escaped, with only safe links. */
export const renderMarkdown = (text: string): string => md.render(text);
