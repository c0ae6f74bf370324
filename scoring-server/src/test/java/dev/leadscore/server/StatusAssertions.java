package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads what a client sees of a failed call. */
public final class StatusAssertions {
  private StatusAssertions() {}

  /** The BadRequest field violations of a status, field to description. */
  public static Map<String, String> fieldViolations(com.google.rpc.Status status) {
    Map<String, String> violations = new LinkedHashMap<>();
    for (Any detail : status.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        try {
          for (BadRequest.FieldViolation violation :
              detail.unpack(BadRequest.class).getFieldViolationsList()) {
            violations.put(violation.getField(), violation.getDescription());
          }
        } catch (InvalidProtocolBufferException e) {
          throw new AssertionError(e);
        }
      }
    }
    return violations;
  }

  public static Map<String, String> fieldViolations(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).as("google.rpc.Status of %s", e).isNotNull();
    return fieldViolations(status);
  }

  public static void assertCode(StatusRuntimeException e, Status.Code code) {
    assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
    assertThat(e.getStatus().getDescription()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
