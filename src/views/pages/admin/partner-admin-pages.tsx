import { adminText } from '../../../i18n/admin-text.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';
import { GrantsTable, type GrantRowView } from './partner-grant-pages.js';
import { RequestsTable, type RequestRowView } from './partner-request-pages.js';

export interface ViewRowView {
  articleHeadline: string;
  articleHref: string;
  referrerHost: string;
  views: number;
  lastDay: string;
}

/** Requests (undecided first), grants with their keys and usage, and where republished copies are read. */
export function PartnersPage(props: { chrome: AdminChrome; requests: RequestRowView[]; grants: GrantRowView[]; views: ViewRowView[] }) {
  return (
    <AdminLayout chrome={props.chrome} title={adminText('admin.partners.list.heading')}>
      <h1>{adminText('admin.partners.list.heading')}</h1>
      <p class="actions">
        <a class="button" href="/admin/partners/grants/new">
          {adminText('admin.partners.list.newGrant')}
        </a>
        <a href="/republish" target="_blank" rel="noopener">
          {adminText('admin.partners.list.publicForm')}
        </a>
      </p>
      <h2>{adminText('admin.partners.requests.heading')}</h2>
      <RequestsTable requests={props.requests} />
      <h2>{adminText('admin.partners.grants.heading')}</h2>
      <GrantsTable chrome={props.chrome} grants={props.grants} />
      <p class="hint">{adminText('admin.partners.grants.hint')}</p>
      <h2>{adminText('admin.partners.views.heading')}</h2>
      {props.views.length === 0 ? (
        <p>{adminText('admin.partners.views.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{adminText('admin.partners.views.article')}</th>
              <th scope="col">{adminText('admin.partners.views.site')}</th>
              <th scope="col">{adminText('admin.partners.views.views')}</th>
              <th scope="col">{adminText('admin.partners.views.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {props.views.map((v) => (
              <tr>
                <td>
                  <a href={v.articleHref}>{v.articleHeadline}</a>
                </td>
                <td>{v.referrerHost || adminText('admin.partners.views.noSite')}</td>
                <td>{v.views}</td>
                <td>{v.lastDay}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
