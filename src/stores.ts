import type { Db } from './store/db.js';
import { AccountStore } from './accounts/account-store.js';
import { AdStore } from './ads/ad-store.js';
import { AnalyticsStore } from './analytics/analytics-store.js';
import { ArticleEditorStore } from './articles/article-editor-store.js';
import { ArticleListStore } from './articles/article-list-store.js';
import { ArticleStore } from './articles/article-store.js';
import { AuditStore } from './audit/audit-store.js';
import { CorrectionStore } from './corrections/correction-store.js';
import { FunderStore } from './funders/funder-store.js';
import { FrontPageStore } from './front-page/front-page-store.js';
import { MediaStore } from './media/media-store.js';
import { MemberStore } from './membership/member-store.js';
import { NewsletterStore } from './newsletters/newsletter-store.js';
import { NewsletterIssueStore } from './newsletters/newsletter-issue-store.js';
import { SearchSync } from './search/search-sync.js';
import { SettingsStore } from './site/settings-store.js';
import { PartnerStore } from './syndication/partner-store.js';
import { TopicStore } from './topics/topic-store.js';
import { PageStore } from './pages/page-store.js';
import { RedirectStore } from './redirects/redirect-store.js';
import { ImportStore } from './imports/import-store.js';
import { ExportStore } from './exports/export-store.js';

/** Every store, bound to one database handle or transaction: what a unit of work hands a service. */
export interface Stores {
  articles: ArticleStore;
  articleLists: ArticleListStore;
  media: MediaStore;
  settings: SettingsStore;
  accounts: AccountStore;
  audit: AuditStore;
  corrections: CorrectionStore;
  partners: PartnerStore;
  members: MemberStore;
  topics: TopicStore;
  ads: AdStore;
  analytics: AnalyticsStore;
  funders: FunderStore;
  newsletters: NewsletterStore;
  newsletterIssues: NewsletterIssueStore;
  search: SearchSync;
  pages: PageStore;
  redirects: RedirectStore;
  imports: ImportStore;
  articleEditor: ArticleEditorStore;
  frontPage: FrontPageStore;
  exports: ExportStore;
}

export function makeStores(db: Db): Stores {
  return {
    articles: new ArticleStore(db),
    articleLists: new ArticleListStore(db),
    media: new MediaStore(db),
    settings: new SettingsStore(db),
    accounts: new AccountStore(db),
    audit: new AuditStore(db),
    corrections: new CorrectionStore(db),
    partners: new PartnerStore(db),
    members: new MemberStore(db),
    topics: new TopicStore(db),
    ads: new AdStore(db),
    analytics: new AnalyticsStore(db),
    funders: new FunderStore(db),
    newsletters: new NewsletterStore(db),
    newsletterIssues: new NewsletterIssueStore(db),
    search: new SearchSync(db),
    pages: new PageStore(db),
    redirects: new RedirectStore(db),
    imports: new ImportStore(db),
    articleEditor: new ArticleEditorStore(db),
    frontPage: new FrontPageStore(db),
    exports: new ExportStore(db),
  };
}
