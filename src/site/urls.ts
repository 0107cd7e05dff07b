import type { OutletLanguages } from '../i18n/languages.js';
import { variantFileName, type VariantFormat } from '../media/image.js';

/**
 * Every public URL the site makes, in one place. Paths are relative; `absolute` adds PUBLIC_URL.
 * `prefix` is the page's language ('' for the outlet's default, '/uk' for Ukrainian): listings and
 * the frame link within it. A story links under its own language when `article` is given it.
 */
export class Urls {
  constructor(
    readonly publicUrl: string,
    readonly prefix = '',
    private readonly languages: OutletLanguages | null = null,
  ) {}

  /** The same site seen from one language's pages. */
  localized(languages: OutletLanguages, language: string): Urls {
    return new Urls(this.publicUrl, languages.prefixFor(language) ?? '', languages);
  }

  absolute(pathname: string): string {
    return this.publicUrl + pathname;
  }

  /** A reader path (`/support`) under this page's language prefix. */
  path(pathname: string): string {
    return this.prefix + pathname;
  }

  home(page = 1): string {
    return `${this.prefix}/${page > 1 ? `?page=${page}` : ''}`;
  }

  /** A story's address: under its own language's prefix when `language` is known, else this page's. */
  article(slug: string, language?: string): string {
    const prefix = language && this.languages ? (this.languages.prefixFor(this.languages.homeOf(language)) ?? '') : this.prefix;
    return `${prefix}/articles/${slug}`;
  }

  section(slug: string, page = 1): string {
    return `${this.prefix}/sections/${slug}${page > 1 ? `?page=${page}` : ''}`;
  }

  tag(slug: string, page = 1): string {
    return `${this.prefix}/tags/${slug}${page > 1 ? `?page=${page}` : ''}`;
  }

  author(slug: string, page = 1): string {
    return `${this.prefix}/authors/${slug}${page > 1 ? `?page=${page}` : ''}`;
  }

  feed(): string {
    return `${this.prefix}/feed.xml`;
  }

  media(hash: string, width: number, format: VariantFormat): string {
    return `/media/${hash}/${variantFileName(width, format)}`;
  }
}
