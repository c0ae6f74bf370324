package dev.leadscore.server.events;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.proto.v1.LeadEventBatch;
import dev.leadscore.proto.v1.LeadEventBatchResult;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.server.internal.Requests;
import dev.leadscore.server.internal.ResponseSizes;
import java.util.Arrays;
import java.util.List;

/**
 * {@code StreamEventBatches}: up to {@link #MAX_INPUTS} inputs per message, answered by one result
 * per batch, in the order of the batches. In order because a client then matches results to batches
 * by position alone; the price is that a batch whose inputs wait on a busy lead holds back the
 * results (not the work) of the batches after it.
 */
final class EventBatches implements EventFraming<LeadEventBatch, LeadEventBatchResult> {
  /** The most inputs one batch may carry. */
  static final int MAX_INPUTS = 1_000;

  /**
   * Inputs taken ahead of their results: two full batches, or up to 64 smaller ones. Enough to keep
   * the lanes busy for one call while a result is on its way; bounded per input, so a call holds at
   * most this much work whatever the batch size.
   */
  static final int INPUT_WINDOW = 2 * MAX_INPUTS;

  private static final Window BOUNDS = new Window(SingleEvents.WINDOW, INPUT_WINDOW, MAX_INPUTS, 1);

  @Override
  public List<LeadEventMessage> inputs(LeadEventBatch batch) {
    int count = batch.getInputsCount();
    if (count > MAX_INPUTS) {
      Requests.failOn(
          List.of(
              new FieldViolation(
                  "inputs", count + " inputs (expected: at most " + MAX_INPUTS + " per batch)")));
    }
    return batch.getInputsList();
  }

  @Override
  public String messageName() {
    return "batch";
  }

  @Override
  public boolean numbered() {
    return true;
  }

  @Override
  public LeadEventBatchResult answer(LeadScoreUpdate[] updates) {
    long size = 0;
    for (LeadScoreUpdate update : updates) {
      // Sizes are memoized: each update was sized on its lane.
      size += ResponseSizes.ofElement(update.getSerializedSize());
    }
    if (size > ResponseSizes.MAX_RESPONSE_BYTES) {
      updates = withoutExplanations(updates, size);
    }
    return LeadEventBatchResult.newBuilder().addAllUpdates(Arrays.asList(updates)).build();
  }

  /**
   * Each update was within the limit on its own; together they are not. Every input is durable by
   * now, so none may be answered as failed: the last ones lose their explanation until the result
   * fits.
   */
  private static LeadScoreUpdate[] withoutExplanations(LeadScoreUpdate[] updates, long size) {
    LeadScoreUpdate[] trimmed = updates.clone();
    for (int i = trimmed.length - 1; i >= 0 && size > ResponseSizes.MAX_RESPONSE_BYTES; i--) {
      LeadScoreUpdate update = trimmed[i];
      if (update.getScore().getContributionsCount() == 0) {
        continue;
      }
      ScoreResponse score = update.getScore().toBuilder().clearContributions().build();
      LeadScoreUpdate shorter = update.toBuilder().setScore(score).build();
      size -=
          ResponseSizes.ofElement(update.getSerializedSize())
              - ResponseSizes.ofElement(shorter.getSerializedSize());
      trimmed[i] = shorter;
    }
    return trimmed;
  }

  @Override
  public LeadEventBatchResult refused(com.google.rpc.Status error) {
    return LeadEventBatchResult.newBuilder().setError(error).build();
  }

  @Override
  public boolean inOrder() {
    return true;
  }

  @Override
  public Window window() {
    return BOUNDS;
  }
}
