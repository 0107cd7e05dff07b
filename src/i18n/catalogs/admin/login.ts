/** The newsroom's login pages: with a password, and with a one-time link. */
export const adminLogin = {
  'admin.login.title': 'Log in',
  'admin.login.heading': 'Log in to the newsroom',
  'admin.login.email': 'Email',
  'admin.login.password': 'Password',
  'admin.login.submit': 'Log in',
  'admin.login.noPassword': 'No password yet? Ask an administrator for a one-time login link.',
  'admin.login.link.title': 'Log in with a link',
  'admin.login.link.heading': 'Log in with a link',
  'admin.login.link.once': 'This link logs you in once. It stops working after you use it.',
  'admin.login.link.submit': 'Log in',
  'admin.login.link.spent': 'This login link has expired or was already used. Ask an administrator for a new one.',
} as const;
