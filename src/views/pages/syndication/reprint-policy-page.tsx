import { SiteLayout } from '../../layouts/site-layout.js';
import type { HeadMeta, SiteChrome } from '../../view-models.js';

/** /reprint-policy: what anyone may reuse, and how to ask for more. Our own words. */
export function ReprintPolicyPage(props: { chrome: SiteChrome; head: HeadMeta; maxChars: number; license: string; contact: string; tdmReserved: boolean }) {
  const t = props.chrome.t;
  return (
    <SiteLayout chrome={props.chrome} head={props.head}>
      <div class="message">
        <h1>{t('reprint.title')}</h1>
        <p lang={props.chrome.outletLang}>{props.license}</p>
        <h2>{t('reprint.quoting')}</h2>
        <p>{t('reprint.quoting.text', { chars: props.maxChars })}</p>
        <h2>{t('reprint.republishing')}</h2>
        <p>
          {t('reprint.republishing.text')} <a href={`${props.chrome.prefix}/republish`}>{t('reprint.ask')}</a>
          {props.contact ? <> {t('reprint.orWrite', { contact: props.contact })}</> : null}. {t('reprint.partners')}
        </p>
        <h2>{t('reprint.machines')}</h2>
        <p>
          {t('reprint.machines.text')} {props.tdmReserved ? t('reprint.tdm.reserved') : t('reprint.tdm.open')}
        </p>
      </div>
    </SiteLayout>
  );
}
