package dev.leadscore.server.evaluation;

import dev.leadscore.core.state.LeadPage;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.LeadState;
import io.grpc.Status;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Reads every stored lead, a page at a time, stopping when the call is cancelled. */
final class StoredLeads {
  /** Leads per page: large enough to amortise a store round trip, small enough to stay cheap. */
  static final int PAGE = 1000;

  private StoredLeads() {}

  /**
   * Hands every stored lead to {@code each}; only one page is held at a time.
   *
   * @param cancelled checked before each page; when it holds, the scan stops with {@code CANCELLED}
   * @param limit stop after this many leads; 0 for all
   * @return how many leads were read
   */
  static long forEach(
      LeadStore store, BooleanSupplier cancelled, long limit, Consumer<LeadState> each) {
    long read = 0;
    String cursor = "";
    do {
      if (cancelled.getAsBoolean()) {
        throw Status.CANCELLED.withDescription("call cancelled").asRuntimeException();
      }
      LeadPage page = store.scan(cursor, PAGE);
      for (LeadState lead : page.leads()) {
        if (!lead.hasLead()) {
          continue;
        }
        each.accept(lead);
        if (++read == limit) {
          return read;
        }
      }
      cursor = page.next();
    } while (!cursor.isEmpty());
    return read;
  }
}
