import { SiteLayout } from '../../layouts/site-layout.js';
import type { HeadMeta, SiteChrome } from '../../view-models.js';

/** /reprint-policy: what anyone may reuse, and how to ask for more. Our own words. */
export function ReprintPolicyPage(props: { chrome: SiteChrome; head: HeadMeta; maxChars: number; license: string; contact: string; tdmReserved: boolean }) {
  return (
    <SiteLayout chrome={props.chrome} head={props.head}>
      <div class="message">
        <h1>Reprint policy</h1>
        <p>{props.license}</p>
        <h2>Quoting</h2>
        <p>
          You may quote up to {props.maxChars} characters of any story, as long as you link to the story itself with an active hyperlink. That is enough for a
          paragraph or two; it is not enough to reproduce a story, and it must not be stitched together from several quotes.
        </p>
        <h2>Republishing</h2>
        <p>
          Anything longer needs our written permission. <a href="/republish">Ask for permission</a>
          {props.contact ? <> or write to {props.contact}</> : null}. Partners we grant permission to get the full text of the stories the grant covers, with
          the byline and a link back to us.
        </p>
        <h2>Machines</h2>
        <p>
          Our feeds and our Content API carry excerpts within the same limit.{' '}
          {props.tdmReserved
            ? 'We reserve our rights to text and data mining (including for training AI models) under the TDM Reservation Protocol; see /.well-known/tdmrep.json.'
            : 'We do not reserve text and data mining rights beyond this policy.'}
        </p>
      </div>
    </SiteLayout>
  );
}
