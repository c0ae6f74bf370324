package dev.leadscore.server.events;

import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import java.util.List;

/**
 * How one kind of event stream carries inputs in its messages and updates in its answers, and how
 * much of it {@link EventStreamHandler} takes ahead. {@code StreamEvents} carries one input per
 * message ({@link SingleEvents}), {@code StreamEventBatches} many ({@link EventBatches}); both are
 * served by the same handler, lanes and scorer.
 *
 * @param <M> the stream's message type
 * @param <A> the stream's answer type
 */
interface EventFraming<M, A> {
  /**
   * The inputs of {@code message}, in order.
   *
   * @throws dev.leadscore.core.ScoringException when the message is refused whole
   */
  List<LeadEventMessage> inputs(M message);

  /** What the stream calls one message in an error: {@code input}, {@code batch}. */
  String messageName();

  /** Whether an input's failure names it by position ({@code inputs[3].event.type}). */
  boolean numbered();

  /** The answer to a message whose inputs were answered with {@code updates}, in input order. */
  A answer(LeadScoreUpdate[] updates);

  /** The answer to a message refused whole: not readable, or refused by {@link #inputs}. */
  A refused(com.google.rpc.Status error);

  /** Whether answers are sent in the order of their messages, rather than as each is ready. */
  boolean inOrder();

  /** How much the handler takes ahead of its answers. */
  Window window();

  /**
   * The bounds on what one call holds: at most {@code messages} messages and {@code inputs} inputs
   * received or requested but not answered, where a requested message counts as {@code
   * maxInputsPerMessage} inputs (a refused message counts as one). New messages are requested once
   * {@code requestBatch} of them can be, or when nothing is in flight.
   */
  record Window(int messages, int inputs, int maxInputsPerMessage, int requestBatch) {
    public Window {
      if (messages < 1 || maxInputsPerMessage < 1 || inputs < maxInputsPerMessage) {
        throw new IllegalArgumentException(
            "window: "
                + messages
                + " messages, "
                + inputs
                + " inputs, "
                + maxInputsPerMessage
                + " per message (expected: at least one message of the largest size)");
      }
    }
  }
}
