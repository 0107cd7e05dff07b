import type { FundingView } from '../view-models.js';

/**
 * The funding disclosure above a story. Sponsored content and underwritten reporting read and look
 * different on purpose: a sponsor paid for the story to exist; a funder paid and had no say in it.
 */
export function FundingDisclosure({ f }: { f: FundingView }) {
  const name = f.href ? (
    <a href={f.href} rel={f.kind === 'sponsored' ? 'sponsored noopener' : 'noopener'}>
      {f.name}
    </a>
  ) : (
    f.name
  );
  if (f.kind === 'sponsored') {
    return (
      <aside class="funding funding-sponsored" aria-label="Sponsored content">
        <p class="funding-label">Sponsored content</p>
        <p>
          <strong>Sponsored by {name}.</strong> {f.disclosure || 'This story was paid for by the sponsor named here. It is not the work of our newsroom.'}
        </p>
      </aside>
    );
  }
  return (
    <aside class="funding funding-underwritten" aria-label="Funding">
      <p>
        This reporting was supported by {name}. {f.disclosure || 'Our funders have no say in what we report or how.'}
      </p>
    </aside>
  );
}
