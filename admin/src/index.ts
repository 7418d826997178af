import type { StrapiApp } from '@strapi/strapi/admin';
import { ChartBubble } from '@strapi/icons';
import { RankingPanel } from './components/RankingPanel';
import { RelatedPanel } from './components/RelatedPanel';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';

type TranslationModule = { default: Record<string, string> };

interface ContentManagerApis {
  addEditViewSidePanel(panels: unknown[]): void;
}

const prefixKeys = (messages: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Newsroom' });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ChartBubble,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Newsroom' },
      permissions: PERMISSIONS.read,
      Component: () => import('./pages/NewsroomPage'),
    });
    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Newsroom' } },
      {
        id: 'settings',
        to: PLUGIN_ID,
        intlLabel: { id: `${PLUGIN_ID}.settings.title`, defaultMessage: 'Newsroom settings' },
        permissions: PERMISSIONS.settings,
        Component: () => import('./pages/SettingsPage'),
      },
    );
  },

  bootstrap(app: StrapiApp) {
    // The content manager's side panels exist once every plugin has registered.
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: ContentManagerApis };
    contentManager.apis.addEditViewSidePanel([RelatedPanel, RankingPanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: messages } = (await import(`./translations/${locale}.json`)) as TranslationModule;
          return { data: prefixKeys(messages), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
