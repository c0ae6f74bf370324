package dev.leadscore.server;

import static dev.leadscore.server.Models.defaultWithBonus;
import static dev.leadscore.server.Models.ref;
import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ListModelsRequest;
import dev.leadscore.proto.v1.ListModelsResponse;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ModelVersionInfo;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.SetLabelRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Files changed by hand, and restarts: the repository on disk is the source of truth. */
class HotReloadTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore();

  private ScoreResponse score(ModelRef ref) {
    return ScoringServiceGrpc.newBlockingStub(leadscore.channel())
        .score(
            ScoreRequest.newBuilder()
                .setModel(ref)
                .setLead(Lead.newBuilder().setId("lead-1"))
                .build());
  }

  private ListModelsResponse list() {
    return ModelServiceGrpc.newBlockingStub(leadscore.channel())
        .listModels(ListModelsRequest.getDefaultInstance());
  }

  private static void awaitWithinOneSecond(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("within 1 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void fileDroppedInByHand_servedWithinOneSecond() throws Exception {
    Path folder = Files.createDirectories(leadscore.repositoryRoot().resolve("b2b-default"));

    Files.writeString(folder.resolve("5.json"), ModelDocuments.print(defaultWithBonus(5)));

    awaitWithinOneSecond(() -> score(ref("")).getModel().getVersion() == 5);
    assertThat(score(ref("")).getScore()).isEqualTo(score(ref("b2b-default", 1)).getScore() + 5);
  }

  @Test
  void fileCorruptedOnDisk_refusedWhileOtherVersionsServe() throws Exception {
    ModelServiceGrpc.newBlockingStub(leadscore.channel())
        .publishModel(PublishModelRequest.newBuilder().setModel(defaultWithBonus(5)).build());
    double published = score(ref("")).getScore();
    Path folder = leadscore.repositoryRoot().resolve("b2b-default");

    Files.writeString(folder.resolve("2.json"), "{\"name\": \"b2b-default\", \"criteria\": [");
    Files.writeString(folder.resolve("3.json"), "not json at all");

    awaitWithinOneSecond(() -> defaultModel(list()).getVersionsCount() == 3);
    ModelVersionInfo second = defaultModel(list()).getVersions(1);
    ModelVersionInfo third = defaultModel(list()).getVersions(2);
    assertThat(second.getState()).isEqualTo(ModelVersionInfo.State.VALID);
    assertThat(second.getProblemsList()).singleElement().asString().contains("refused");
    assertThat(third.getState()).isEqualTo(ModelVersionInfo.State.FAILED);
    assertThat(third.getProblemsList()).isNotEmpty();
    ScoreResponse served = score(ref(""));
    assertThat(served.getModel().getVersion()).isEqualTo(2);
    assertThat(served.getScore()).isEqualTo(published);
    assertThatThrownBy(() -> score(ref("b2b-default", 3)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertCode(e, Status.Code.FAILED_PRECONDITION));
  }

  @Test
  void restart_sameDirectory_sameVersionsAndLabels() throws Exception {
    var models = ModelServiceGrpc.newBlockingStub(leadscore.channel());
    models.publishModel(PublishModelRequest.newBuilder().setModel(defaultWithBonus(5)).build());
    models.publishModel(PublishModelRequest.newBuilder().setModel(defaultWithBonus(9)).build());
    models.setLabel(
        SetLabelRequest.newBuilder()
            .setName("b2b-default")
            .setLabel("stable")
            .setVersion(2)
            .build());
    ListModelsResponse before = list();
    ScoreResponse scoredBefore = score(ref(""));

    leadscore.restart();

    assertThat(defaultModel(list())).isEqualTo(defaultModel(before));
    ScoreResponse scoredAfter = score(ref(""));
    assertThat(scoredAfter.getModel()).isEqualTo(scoredBefore.getModel());
    assertThat(scoredAfter.getModel().getVersion()).isEqualTo(2);
    assertThat(scoredAfter.getScore()).isEqualTo(scoredBefore.getScore());
  }

  /** The default model's entry; the bundled account model is listed beside it. */
  private static dev.leadscore.proto.v1.ModelInfo defaultModel(ListModelsResponse response) {
    return response.getModelsList().stream()
        .filter(model -> model.getName().equals("b2b-default"))
        .findFirst()
        .orElseThrow();
  }
}
