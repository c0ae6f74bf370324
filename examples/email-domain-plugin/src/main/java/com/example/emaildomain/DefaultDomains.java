package com.example.emaildomain;

import java.util.Set;

/** The domain lists used unless a model says {@code use_default_lists: false}. */
final class DefaultDomains {
  private DefaultDomains() {}

  static final Set<String> FREE =
      Set.of(
          "gmail.com",
          "googlemail.com",
          "yahoo.com",
          "hotmail.com",
          "outlook.com",
          "live.com",
          "msn.com",
          "aol.com",
          "icloud.com",
          "me.com",
          "mail.com",
          "gmx.com",
          "gmx.de",
          "web.de",
          "yandex.ru",
          "protonmail.com",
          "proton.me",
          "zoho.com",
          "qq.com",
          "163.com");

  static final Set<String> DISPOSABLE =
      Set.of(
          "mailinator.com",
          "guerrillamail.com",
          "10minutemail.com",
          "tempmail.com",
          "temp-mail.org",
          "yopmail.com",
          "trashmail.com",
          "sharklasers.com",
          "getnada.com",
          "dispostable.com",
          "throwawaymail.com",
          "maildrop.cc");
}
