package dev.leadscore.core.account;

import dev.leadscore.proto.v1.AccountMember;
import java.util.List;

/** Formatting of the contacts and numbers that account criteria name in their reasons. */
final class Contacts {
  /** Contacts named by a reason before the rest are only counted. */
  static final int NAMED = 5;

  private Contacts() {}

  /** {@code jane@acme.example (VP of Sales, 72)}. */
  static String describe(AccountMember member) {
    StringBuilder text = new StringBuilder(member.getLeadId()).append(" (");
    if (!member.getTitle().isEmpty()) {
      text.append(member.getTitle()).append(", ");
    }
    return text.append(number(member.getScore())).append(')').toString();
  }

  /** The described members, then {@code and N more} when {@code total} exceeds them. */
  static String list(List<AccountMember> members, int total) {
    StringBuilder text = new StringBuilder();
    for (AccountMember member : members) {
      if (!text.isEmpty()) {
        text.append(", ");
      }
      text.append(describe(member));
    }
    if (total > members.size()) {
      text.append(" and ").append(total - members.size()).append(" more");
    }
    return text.toString();
  }

  /** A number rounded to two decimals, without a fraction when whole: {@code 72}, {@code 41.5}. */
  static String number(double value) {
    double rounded = Math.round(value * 100.0) / 100.0;
    return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
  }

  /** Signed points: {@code +20}, {@code -5}, {@code +33.7}. */
  static String points(double value) {
    String number = number(value);
    return value < 0 ? number : "+" + number;
  }
}
