package com.example.emaildomain;

/** What an e-mail address's domain says about a lead. */
enum DomainClass {
  /** The company's own domain: the strongest signal of a business lead. */
  CORPORATE("corporate"),
  /** A free webmail provider such as gmail.com. */
  FREE("free webmail"),
  /** A throwaway inbox such as mailinator.com. */
  DISPOSABLE("disposable"),
  /** No e-mail attribute, or one that is not an address. */
  INVALID("invalid");

  private final String description;

  DomainClass(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }
}
