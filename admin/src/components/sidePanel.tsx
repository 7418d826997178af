import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useT } from '../useT';
import { Empty } from './States';

type Content = (props: { documentId: string; locale?: string }) => React.ReactNode;

/** An edit view side panel shown for one content type, once the entry exists. */
export const sidePanel = (model: string, titleKey: string, Content: Content): PanelComponent => {
  const Panel = ({ model: current, documentId, document }: PanelComponentProps) => {
    const t = useT();
    if (current !== model) return null;
    return {
      title: t(titleKey),
      content: documentId ? (
        <Content documentId={documentId} locale={typeof document?.locale === 'string' ? document.locale : undefined} />
      ) : (
        <Empty text={t('related.unsaved')} />
      ),
    };
  };
  return Panel;
};
