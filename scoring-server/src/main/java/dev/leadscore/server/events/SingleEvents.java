package dev.leadscore.server.events;

import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import java.util.List;

/** {@code StreamEvents}: one input per message, each answered as soon as it is durable. */
final class SingleEvents implements EventFraming<LeadEventMessage, LeadScoreUpdate> {
  /** Inputs requested ahead: enough to keep several lanes busy for one call. */
  static final int WINDOW = 64;

  /**
   * Answers sent before their inputs are requested again, while inputs are still in flight: each
   * request is a task on the transport thread.
   */
  private static final int REQUEST_BATCH = 16;

  private static final Window BOUNDS = new Window(WINDOW, WINDOW, 1, REQUEST_BATCH);

  @Override
  public List<LeadEventMessage> inputs(LeadEventMessage message) {
    return List.of(message);
  }

  @Override
  public String messageName() {
    return "input";
  }

  @Override
  public boolean numbered() {
    return false;
  }

  @Override
  public LeadScoreUpdate answer(LeadScoreUpdate[] updates) {
    return updates[0];
  }

  @Override
  public LeadScoreUpdate refused(com.google.rpc.Status error) {
    // Only an input that could not be read: it has no lead to name.
    return LeadScoreUpdate.newBuilder().setError(error).build();
  }

  @Override
  public boolean inOrder() {
    // Ordered per lead by the lanes; across leads, nobody waits for another lead's write.
    return false;
  }

  @Override
  public Window window() {
    return BOUNDS;
  }
}
