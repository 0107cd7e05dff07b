import { SiteLayout } from '../../layouts/site-layout.js';
import type { HeadMeta, SiteChrome } from '../../view-models.js';

export interface StaticPageView {
  chrome: SiteChrome;
  head: HeadMeta;
  title: string;
  /** Sanitized by articles/article-body.ts, like a story body. */
  bodyHtml: string;
}

/** An About, Contact or imported page: a title and the newsroom's text. */
export function StaticPageView({ v }: { v: StaticPageView }) {
  return (
    <SiteLayout chrome={v.chrome} head={v.head}>
      <article class="policy static-page">
        <h1>{v.title}</h1>
        <div class="policy-text" dangerouslySetInnerHTML={{ __html: v.bodyHtml }} />
      </article>
    </SiteLayout>
  );
}
