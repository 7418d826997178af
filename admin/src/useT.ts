import { useIntl } from 'react-intl';
import { PLUGIN_ID } from './pluginId';

type Values = Record<string, string | number>;

/** The plugin's messages by their key in `translations/*.json` (prefixed with the plugin id at registration). */
export const useT = () => {
  const { formatMessage } = useIntl();
  return (key: string, values?: Values): string => formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: key }, values);
};
