import type { FunderCreditView } from '../view-models.js';

/** One credit line: "The work of … is supported by <funder>.", with the funder's logo when there is one. */
export function FunderCredit({ f }: { f: FunderCreditView }) {
  const name = f.href ? (
    <a href={f.href} rel="noopener">
      {f.name}
    </a>
  ) : (
    <strong>{f.name}</strong>
  );
  return (
    <li class="funder-credit">
      {f.logo ? <img class="funder-logo" src={f.logo.src} width={f.logo.width} height={f.logo.height} alt="" loading="lazy" decoding="async" /> : null}
      <span lang={f.lang}>
        {f.before}
        {name}
        {f.after}
      </span>
    </li>
  );
}

/** The list of credits (footer and /support); nothing at all when there are no funders. */
export function FunderCredits({ funders, label }: { funders: FunderCreditView[]; label: string }) {
  if (!funders.length) return null;
  return (
    <ul class="funder-credits" aria-label={label}>
      {funders.map((f) => (
        <FunderCredit f={f} />
      ))}
    </ul>
  );
}
