package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A blocking plugin criterion gives the server's thread back at the call's deadline, long before
 * the criterion timeout. The in-process server runs calls on the caller's thread, so the call
 * returning at all shows the server thread was released.
 */
class CriterionDeadlineTest {
  @RegisterExtension
  final InProcessLeadscore leadscore =
      new InProcessLeadscore()
          .withPlugins(PluginFolders.FAULTY)
          .criterionTimeout(Duration.ofMinutes(5))
          .withModel(
              """
              {"name": "blocking", "criteria": [
                 {"id": "lookup", "type": "faulty_blocking", "dimension": "fit"}],
               "bands": [{"name": "cold", "min_score": 0}]}
              """);

  @Test
  void score_criterionBlocksPastCallDeadline_callEndsAtDeadline() {
    ScoreRequest request =
        ScoreRequest.newBuilder()
            .setModel(ModelRef.newBuilder().setName("blocking"))
            .setLead(Leads.coldStudent())
            .build();
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                ScoringServiceGrpc.newBlockingStub(leadscore.channel())
                    .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                    .score(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode())
                    .isIn(Status.Code.DEADLINE_EXCEEDED, Status.Code.INTERNAL));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(leadscore.criterionFailures().count("faulty_blocking")).isEqualTo(1);
  }
}
