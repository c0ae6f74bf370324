package dev.leadscore.cli;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.PrintWriter;

/** A failed call to the server, told to the user: the status, what it means, each bad field. */
final class ServerErrors {
  /** Exit code when the server could not be reached or failed. */
  static final int SERVER_FAILED = 1;

  private ServerErrors() {}

  /**
   * Prints the failure and returns the exit code: 2 for a request the user must fix, 1 otherwise.
   */
  static int report(PrintWriter err, StatusRuntimeException e) {
    Status status = e.getStatus();
    String description = status.getDescription() == null ? "" : status.getDescription();
    if (status.getCode() == Status.Code.UNAVAILABLE) {
      err.println(
          "leadscore: the server is unavailable (is `leadscore serve` running there? check"
              + " --target): "
              + description);
      return SERVER_FAILED;
    }
    err.println("leadscore: " + status.getCode() + ": " + description);
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details != null) {
      for (Any detail : details.getDetailsList()) {
        if (detail.is(BadRequest.class)) {
          try {
            for (BadRequest.FieldViolation violation :
                detail.unpack(BadRequest.class).getFieldViolationsList()) {
              err.println("  " + violation.getField() + ": " + violation.getDescription());
            }
          } catch (InvalidProtocolBufferException ignored) {
            // A detail that does not parse adds nothing the description did not say.
          }
        }
      }
    }
    return switch (status.getCode()) {
      case INVALID_ARGUMENT,
          NOT_FOUND,
          ALREADY_EXISTS,
          FAILED_PRECONDITION,
          PERMISSION_DENIED,
          UNAUTHENTICATED,
          OUT_OF_RANGE ->
          Commands.BAD_INPUT;
      case OK,
          CANCELLED,
          UNKNOWN,
          DEADLINE_EXCEEDED,
          RESOURCE_EXHAUSTED,
          ABORTED,
          UNIMPLEMENTED,
          INTERNAL,
          UNAVAILABLE,
          DATA_LOSS ->
          SERVER_FAILED;
    };
  }
}
