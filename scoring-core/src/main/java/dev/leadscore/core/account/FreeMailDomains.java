package dev.leadscore.core.account;

import java.util.Set;

/**
 * Domains of free e-mail providers: an address at one of them says nothing about the company, so it
 * never names an account. Account models may add domains or replace the list.
 */
final class FreeMailDomains {
  /** The built-in list: the large international and national providers. */
  static final Set<String> BUILTIN =
      Set.of(
          "gmail.com",
          "googlemail.com",
          "yahoo.com",
          "yahoo.co.uk",
          "yahoo.fr",
          "yahoo.de",
          "ymail.com",
          "hotmail.com",
          "hotmail.co.uk",
          "hotmail.fr",
          "hotmail.de",
          "outlook.com",
          "live.com",
          "msn.com",
          "aol.com",
          "icloud.com",
          "me.com",
          "mac.com",
          "proton.me",
          "protonmail.com",
          "pm.me",
          "gmx.com",
          "gmx.de",
          "gmx.net",
          "web.de",
          "t-online.de",
          "mail.com",
          "mail.ru",
          "yandex.ru",
          "yandex.com",
          "qq.com",
          "163.com",
          "126.com",
          "zoho.com",
          "fastmail.com",
          "hey.com",
          "tutanota.com",
          "orange.fr",
          "free.fr",
          "laposte.net",
          "libero.it",
          "rediffmail.com",
          "naver.com",
          "comcast.net",
          "btinternet.com");

  private FreeMailDomains() {}
}
