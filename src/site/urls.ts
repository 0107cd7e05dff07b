import { variantFileName, type VariantFormat } from '../media/image.js';

/** Every public URL the site makes, in one place. Paths are relative; `absolute` adds PUBLIC_URL. */
export class Urls {
  constructor(readonly publicUrl: string) {}

  absolute(pathname: string): string {
    return this.publicUrl + pathname;
  }

  home(page = 1): string {
    return page > 1 ? `/?page=${page}` : '/';
  }

  article(slug: string): string {
    return `/articles/${slug}`;
  }

  section(slug: string, page = 1): string {
    return `/sections/${slug}${page > 1 ? `?page=${page}` : ''}`;
  }

  tag(slug: string, page = 1): string {
    return `/tags/${slug}${page > 1 ? `?page=${page}` : ''}`;
  }

  author(slug: string, page = 1): string {
    return `/authors/${slug}${page > 1 ? `?page=${page}` : ''}`;
  }

  media(hash: string, width: number, format: VariantFormat): string {
    return `/media/${hash}/${variantFileName(width, format)}`;
  }
}
