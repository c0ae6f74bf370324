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
 */
public final class ScoringStatuses {
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
          .setMessage(status.getDescription() == null ? "" : status.getDescription())
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
      case PLUGIN_FAILED, STARTUP_FAILED -> Code.INTERNAL;
    };
  }

  private static com.google.rpc.Status status(
      Code code, String message, List<FieldViolation> violations) {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
    if (!violations.isEmpty()) {
      BadRequest.Builder badRequest = BadRequest.newBuilder();
      for (FieldViolation violation : violations) {
        badRequest
            .addFieldViolationsBuilder()
            .setField(violation.field())
            .setDescription(violation.description());
      }
      status.addDetails(Any.pack(badRequest.build()));
    }
    return status.build();
  }
}
