package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static dev.leadscore.server.StatusAssertions.fieldViolations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.BadRequest;
import dev.leadscore.proto.v1.CriterionSpec;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.Rule;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.proto.v1.ValidateModelRequest;
import dev.leadscore.proto.v1.ValidateModelResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Validation costs are bounded (finding 4 of issue 15): a model over a size limit is refused before
 * anything in it is compiled, with one violation per limit naming it.
 */
class ModelLimitsTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore();

  @Test
  void validateModel_60000Rules_refusedWithinMillisecondsNamingTheLimits() {
    ScoringModel.Builder model = Models.bundledDefault().toBuilder().clearRules();
    for (int i = 0; i < 60_000; i++) {
      model.addRules(
          Rule.newBuilder().setId("r" + i).setWhen("count('email_open') > " + i).setAddPoints(1));
    }

    long started = System.nanoTime();
    ValidateModelResponse response = validate(model.build());
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(response.getValid()).isFalse();
    assertThat(violations(response))
        .containsEntry("model.rules", "60000 rules (expected: at most 256)")
        .hasEntrySatisfying(
            "model", d -> assertThat(d).endsWith("bytes (expected: at most 1048576 bytes)"))
        .hasSize(2);
    // 80 s before the limits were checked first; generous, so a loaded machine does not fail it.
    assertThat(elapsed).as("ms to validate").isLessThan(10_000);
  }

  @Test
  void publishModel_ruleLongerThanTheLimit_refusedNamingTheRule() {
    String when =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> "count('type_" + i + "') > 0")
            .collect(Collectors.joining(" || "));
    ScoringModel model =
        Models.bundledDefault().toBuilder()
            .addRules(Rule.newBuilder().setId("long").setWhen(when).setAddPoints(1))
            .build();
    int index = model.getRulesCount() - 1;

    assertThatThrownBy(
            () ->
                ModelServiceGrpc.newBlockingStub(leadscore.channel())
                    .publishModel(PublishModelRequest.newBuilder().setModel(model).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(fieldViolations(e))
                  .containsExactly(
                      Map.entry(
                          "model.rules[" + index + "].when",
                          when.length() + " characters (expected: at most 2048)"));
            });
  }

  @Test
  void validateModel_moreCriteriaThanTheLimit_refusedNamingTheLimit() {
    ScoringModel.Builder model = Models.bundledDefault().toBuilder();
    CriterionSpec template = model.getCriteria(0);
    for (int i = 0; model.getCriteriaCount() < 300; i++) {
      model.addCriteria(template.toBuilder().setId("copy_" + i));
    }

    ValidateModelResponse response = validate(model.build());

    assertThat(response.getValid()).isFalse();
    assertThat(violations(response))
        .containsExactly(Map.entry("model.criteria", "300 criteria (expected: at most 256)"));
  }

  private ValidateModelResponse validate(ScoringModel model) {
    return ModelServiceGrpc.newBlockingStub(leadscore.channel())
        .validateModel(ValidateModelRequest.newBuilder().setModel(model).build());
  }

  private static Map<String, String> violations(ValidateModelResponse response) {
    return response.getViolationsList().stream()
        .collect(
            Collectors.toMap(
                BadRequest.FieldViolation::getField,
                BadRequest.FieldViolation::getDescription,
                (a, b) -> a + " | " + b,
                java.util.LinkedHashMap::new));
  }
}
