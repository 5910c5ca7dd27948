import type { Context } from 'hono';
import type { Child } from 'hono/jsx';

/**
 * The colour theme a page renders in; the auth plugin sets the signed-in user's on the context.
 *
 * @example
 * const theme: Theme | undefined = session.preferences.theme;
 * if (theme) c.set('theme', theme);
 */
export type Theme = 'light' | 'dark' | 'system';

declare module 'hono' {
  interface ContextVariableMap {
    /** The signed-in user's theme, set by the auth plugin; the layout renders it without a flash. */
    theme: Theme | undefined;
  }
}

/**
 * Renders one item of the page header for a request (a menu, a switcher).
 *
 * @example
 * const userMenu: HeaderWidget = (c) => (c.get('principal')?.kind === 'user' ? <UserMenu c={c} /> : null);
 * ctx.extensionPoint(coreExtensionPoints.layout).addHeaderWidget(userMenu, 10);
 */
export type HeaderWidget = (c: Context) => Child | Promise<Child>;

/**
 * What plugins add to every page's header (user menu, tenant switcher), in `order`.
 *
 * @example
 * const layout: LayoutExtension = ctx.extensionPoint(coreExtensionPoints.layout);
 * layout.addHeaderWidget((c) => <UserMenu c={c} />, 10);
 */
export interface LayoutExtension {
  addHeaderWidget(widget: HeaderWidget, order?: number): void;
}

export class LayoutRegistry implements LayoutExtension {
  readonly #widgets: { widget: HeaderWidget; order: number }[] = [];

  addHeaderWidget(widget: HeaderWidget, order = 100): void {
    this.#widgets.push({ widget, order });
    this.#widgets.sort((a, b) => a.order - b.order);
  }

  /** Renders every widget for this request; a failing widget is left out, never the page. */
  async render(c: Context): Promise<Child[]> {
    return Promise.all(
      this.#widgets.map(async ({ widget }) => {
        try {
          return await widget(c);
        } catch (error) {
          c.get('logger')?.warn('header widget failed', { error });
          return null;
        }
      }),
    );
  }
}
