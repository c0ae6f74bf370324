package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.GetModelRequest;
import dev.leadscore.proto.v1.ListModelsRequest;
import dev.leadscore.proto.v1.ModelInfo;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ModelVersionInfo;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.Rule;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import dev.leadscore.proto.v1.ValidateModelRequest;
import dev.leadscore.proto.v1.ValidateModelResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors show input only in bounded form and never internals (finding 11 of issue 15): echoed names
 * are cut to 100 characters with their length, a model file that is not a model is described
 * without its content or the parser's exception classes, and a rule's regex literal is compiled
 * when the model is validated.
 */
class ErrorEchoTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore();

  @TempDir Path models;

  @Test
  void unknownModelNames_20KbAnd100Kb_answeredOverNettyWithTheNameCut() throws Exception {
    LeadscoreRuntime runtime =
        LeadscoreRuntime.builder()
            .transport(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)))
            .models(models)
            .start();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", runtime.port()).usePlaintext().build();
    try {
      String twenty = "m".repeat(20_000);
      assertThatThrownBy(
              () ->
                  ModelServiceGrpc.newBlockingStub(channel)
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .getModel(
                          GetModelRequest.newBuilder()
                              .setModel(ModelRef.newBuilder().setName(twenty))
                              .build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertCode(e, Status.Code.NOT_FOUND);
                assertThat(e.getStatus().getDescription())
                    .isEqualTo("model " + "m".repeat(100) + "… (20000 characters) does not exist");
              });
      String hundred = "s".repeat(100_000);
      assertThatThrownBy(
              () ->
                  ScoringServiceGrpc.newBlockingStub(channel)
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .score(
                          ScoreRequest.newBuilder()
                              .setModel(ModelRef.newBuilder().setName(hundred))
                              .setLead(Leads.coldStudent())
                              .build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertCode(e, Status.Code.NOT_FOUND);
                assertThat(e.getStatus().getDescription()).contains("… (100000 characters)");
              });
      assertThat(
              ScoringServiceGrpc.newBlockingStub(channel)
                  .withDeadlineAfter(10, TimeUnit.SECONDS)
                  .score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build())
                  .getBand())
          .as("the connection survived")
          .isEqualTo("cold");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      runtime.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void publishModel_nameOf20000Characters_invalidArgumentWithTheNameCut() {
    ScoringModel model = Models.bundledDefault().toBuilder().setName("n".repeat(20_000)).build();

    assertThatThrownBy(
            () ->
                ModelServiceGrpc.newBlockingStub(leadscore.channel())
                    .publishModel(PublishModelRequest.newBuilder().setModel(model).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).hasSizeLessThan(1100);
              assertThat(StatusAssertions.fieldViolations(e).get("model.name"))
                  .startsWith("\"" + "n".repeat(100) + "… (20000 characters)\" (expected: ");
            });
  }

  @Test
  void listModels_versionFilesThatAreNotModels_problemsShowNoContentNorExceptionClasses()
      throws Exception {
    Path folder = Files.createDirectories(leadscore.repositoryRoot().resolve("notes"));
    Files.writeString(folder.resolve("1.json"), "root:x:0:0:secret-content:/root:/bin/bash\n");
    Files.writeString(folder.resolve("2.json"), "{");
    Files.writeString(folder.resolve("3.json"), "{\"scale\": {\"min\": \"secret-number\"}}");

    List<String> problems = awaitProblems("notes", 3);

    assertThat(problems).hasSize(3);
    assertThat(String.join("\n", problems))
        .doesNotContain("secret")
        .doesNotContain("root:x")
        .doesNotContain("Exception")
        .doesNotContain("java.");
    assertThat(problems.get(1)).contains("not valid JSON at line 1 column 2");
  }

  @Test
  void validateModel_invalidRegexLiteral_refusedNamingTheRule() {
    ScoringModel model =
        Models.bundledDefault().toBuilder()
            .addRules(Rule.newBuilder().setId("regex").setWhen("'a'.matches('(')").setAddPoints(1))
            .build();
    int index = model.getRulesCount() - 1;

    ValidateModelResponse response =
        ModelServiceGrpc.newBlockingStub(leadscore.channel())
            .validateModel(ValidateModelRequest.newBuilder().setModel(model).build());

    assertThat(response.getValid()).isFalse();
    assertThat(response.getViolationsList())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getField()).isEqualTo("model.rules[" + index + "].when");
              assertThat(v.getDescription())
                  .contains("invalid regular expression \"(\": missing closing )")
                  .endsWith("(expected: an RE2 regular expression)");
            });
  }

  /** Waits for the watcher to list {@code count} versions of a model; their problems. */
  private List<String> awaitProblems(String name, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (ModelInfo model :
          ModelServiceGrpc.newBlockingStub(leadscore.channel())
              .listModels(ListModelsRequest.getDefaultInstance())
              .getModelsList()) {
        if (model.getName().equals(name) && model.getVersionsCount() == count) {
          return model.getVersionsList().stream()
              .map(ModelVersionInfo::getProblemsList)
              .map(p -> String.join("; ", p))
              .toList();
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("model " + name + " not listed with " + count + " versions");
  }
}
