package dev.leadscore.server.internal;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Answers unary calls: exactly one response and completion, or one mapped error. */
public final class UnaryCalls {
  private UnaryCalls() {}

  /**
   * Runs {@code call} and sends its response, or the status {@link ScoringStatuses} maps its
   * exception to. The response is sent outside the {@code try}, so a failure while sending is never
   * answered a second time.
   */
  public static <T> void answer(StreamObserver<T> responses, Supplier<T> call) {
    T response;
    try {
      response = call.get();
    } catch (RuntimeException e) {
      responses.onError(ScoringStatuses.toStatusException(e));
      return;
    }
    responses.onNext(response);
    responses.onCompleted();
  }
}
