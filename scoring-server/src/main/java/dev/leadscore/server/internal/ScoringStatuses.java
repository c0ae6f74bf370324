package dev.leadscore.server.internal;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The one place where exceptions become gRPC statuses. Descriptions are written for clients: they
 * name the bad field or model and never carry a stack trace or internal state. Anything that is not
 * a {@link ScoringException} is logged here and answered with a bare {@code INTERNAL}.
 *
 * <p>A status travels in HTTP/2 trailers, which a client accepts up to about 8 KiB (grpc-java's
 * default; beyond it the client sees {@code RESOURCE_EXHAUSTED} or the connection drops, and the
 * real error is lost). So every status stays small whatever the input: the description is cut to
 * {@value #MAX_DESCRIPTION} characters, each violation's field and description to {@value
 * #MAX_FIELD} and {@value #MAX_VIOLATION} characters, and violations are listed up to {@value
 * #MAX_DETAILS_BYTES} bytes with a last entry counting the rest ({@code ValidateModel} answers them
 * all, in its response).
 */
public final class ScoringStatuses {
  static final int MAX_DESCRIPTION = 1024;
  static final int MAX_FIELD = 256;
  static final int MAX_VIOLATION = 512;
  static final int MAX_DETAILS_BYTES = 4096;

  private static final System.Logger LOG = System.getLogger(ScoringStatuses.class.getName());

  private ScoringStatuses() {}

  /** The status to answer a call with. */
  public static StatusRuntimeException toStatusException(Throwable error) {
    return StatusProto.toStatusRuntimeException(toStatus(error));
  }

  /**
   * The status as a {@code google.rpc.Status}, with a {@code BadRequest} detail when fields are
   * named.
   */
  public static com.google.rpc.Status toStatus(Throwable error) {
    if (error instanceof StatusRuntimeException statusError) {
      Status status = statusError.getStatus();
      return com.google.rpc.Status.newBuilder()
          .setCode(status.getCode().value())
          .setMessage(
              status.getDescription() == null ? "" : cut(status.getDescription(), MAX_DESCRIPTION))
          .build();
    }
    if (!(error instanceof ScoringException scoring)) {
      LOG.log(Level.ERROR, "unexpected failure while handling a call", error);
      return status(Code.INTERNAL, "internal error", List.of());
    }
    Code code = code(scoring.code());
    if (code == Code.INTERNAL) {
      LOG.log(Level.WARNING, scoring.getMessage(), scoring.getCause());
    }
    return status(code, scoring.getMessage(), scoring.violations());
  }

  /** {@code INVALID_ARGUMENT} for a request with the listed problems. */
  public static ScoringException invalidRequest(List<FieldViolation> violations) {
    return ScoringException.invalid(
        ScoringErrorCode.INVALID_REQUEST, "invalid request", violations);
  }

  private static Code code(ScoringErrorCode code) {
    return switch (code) {
      case INVALID_MODEL, INVALID_REQUEST -> Code.INVALID_ARGUMENT;
      case MODEL_NOT_FOUND, LEAD_NOT_FOUND -> Code.NOT_FOUND;
      case CONFLICT, RULE_FAILED -> Code.FAILED_PRECONDITION;
      case STORE_FAILED -> Code.UNAVAILABLE;
      case LEAD_UNREADABLE -> Code.DATA_LOSS;
      case CANCELLED -> Code.CANCELLED;
      case PLUGIN_FAILED, STARTUP_FAILED -> Code.INTERNAL;
    };
  }

  private static com.google.rpc.Status status(
      Code code, String message, List<FieldViolation> violations) {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder()
            .setCode(code.getNumber())
            .setMessage(cut(message, MAX_DESCRIPTION));
    if (!violations.isEmpty()) {
      BadRequest.Builder badRequest = BadRequest.newBuilder();
      long size = 0;
      for (int i = 0; i < violations.size(); i++) {
        FieldViolation violation = violations.get(i);
        BadRequest.FieldViolation shown =
            BadRequest.FieldViolation.newBuilder()
                .setField(cut(violation.field(), MAX_FIELD))
                .setDescription(cut(violation.description(), MAX_VIOLATION))
                .build();
        size += ResponseSizes.ofElement(shown.getSerializedSize());
        if (size > MAX_DETAILS_BYTES) {
          badRequest
              .addFieldViolationsBuilder()
              .setDescription(
                  "… and "
                      + (violations.size() - i)
                      + " more problems (ValidateModel lists every problem of a model)");
          break;
        }
        badRequest.addFieldViolations(shown);
      }
      status.addDetails(Any.pack(badRequest.build()));
    }
    return status.build();
  }

  /** {@code text}, or its first {@code max - 1} characters and an ellipsis. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
