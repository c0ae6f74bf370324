package dev.leadscore.server;

import static dev.leadscore.server.StatusAssertions.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ListModelsRequest;
import dev.leadscore.proto.v1.ModelInfo;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ModelServiceGrpc.ModelServiceBlockingStub;
import dev.leadscore.proto.v1.ModelVersionInfo;
import dev.leadscore.proto.v1.PublishModelRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries in the model directory that are not what they claim: a folder, a FIFO or a device named
 * like a version file, links out of the repository, oversized files, version numbers past the
 * bound. Each is reported on its own and never stops other models from loading or publishing.
 */
class HostileModelFilesTest {
  @RegisterExtension final InProcessLeadscore leadscore = new InProcessLeadscore();

  @TempDir Path outside;

  private ModelServiceBlockingStub models() {
    return ModelServiceGrpc.newBlockingStub(leadscore.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private long publishDefault() {
    return models()
        .publishModel(PublishModelRequest.newBuilder().setModel(Models.defaultWithBonus(5)).build())
        .getVersion()
        .getVersion();
  }

  private ModelInfo listed(String name) {
    return models().listModels(ListModelsRequest.getDefaultInstance()).getModelsList().stream()
        .filter(model -> model.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("model " + name + " is not listed"));
  }

  private static ModelVersionInfo version(ModelInfo model, long version) {
    return model.getVersionsList().stream()
        .filter(v -> v.getVersion() == version)
        .findFirst()
        .orElseThrow(() -> new AssertionError(model.getName() + " has no version " + version));
  }

  /**
   * A problem a client may see: says what is wrong, never how Java said it or what a file holds.
   */
  private static void assertSafe(List<String> problems) {
    assertThat(problems)
        .isNotEmpty()
        .allSatisfy(
            problem ->
                assertThat(problem)
                    .doesNotContain("Exception")
                    .doesNotContain("java.")
                    .doesNotContain("secret"));
  }

  private String defaultDocument() {
    return ModelDocuments.print(Models.bundledDefault());
  }

  @Test
  void publish_directoryNamedLikeVersionFile_reportedAndEveryModelStillPublishes()
      throws Exception {
    Files.createDirectories(leadscore.repositoryRoot().resolve("x/1.json"));
    Files.createDirectories(leadscore.repositoryRoot().resolve("b2b-default/3.json"));

    assertThat(publishDefault()).isEqualTo(4);

    ModelVersionInfo folder = version(listed("x"), 1);
    assertThat(folder.getState()).isEqualTo(ModelVersionInfo.State.FAILED);
    assertThat(folder.getProblemsList()).anySatisfy(p -> assertThat(p).contains("directory"));
    assertSafe(folder.getProblemsList());
    assertThat(version(listed("b2b-default"), 4).getState())
        .isEqualTo(ModelVersionInfo.State.VALID);
  }

  @Test
  void publish_fifoNamedLikeVersionFile_neverOpenedAndPublishDoesNotBlock() throws Exception {
    Path fifo = leadscore.repositoryRoot().resolve("b2b-default/2.json");
    Files.createDirectories(fifo.getParent());
    assumeTrue(mkfifo(fifo), "needs mkfifo");
    try {
      CompletableFuture<Long> published = CompletableFuture.supplyAsync(this::publishDefault);

      assertThat(published.get(10, TimeUnit.SECONDS)).isEqualTo(3);
      ModelVersionInfo failed = version(listed("b2b-default"), 2);
      assertThat(failed.getState()).isEqualTo(ModelVersionInfo.State.FAILED);
      assertThat(failed.getProblemsList())
          .anySatisfy(p -> assertThat(p).contains("not a regular file"));
      assertSafe(failed.getProblemsList());
    } finally {
      release(fifo);
    }
  }

  @Test
  void listModels_linksOutOfRepositoryAndOversizedFile_failedWithoutServingThem() throws Exception {
    Path folder = Files.createDirectories(leadscore.repositoryRoot().resolve("b2b-default"));
    Path outsideModel = outside.resolve("secret.json");
    Files.writeString(outsideModel, defaultDocument(), StandardCharsets.UTF_8);
    Files.createSymbolicLink(folder.resolve("2.json"), outsideModel);
    Files.createSymbolicLink(folder.resolve("3.json"), Path.of("/dev/zero"));
    try (OutputStream out = Files.newOutputStream(folder.resolve("4.json"))) {
      out.write(" ".repeat(17 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII));
      out.write(defaultDocument().getBytes(StandardCharsets.UTF_8));
    }
    Path inside = Files.writeString(folder.resolve("5.json"), defaultDocument());
    Files.createSymbolicLink(folder.resolve("6.json"), inside.getFileName());

    assertThat(publishDefault()).isEqualTo(7);

    ModelInfo model = listed("b2b-default");
    for (long version : new long[] {2, 3, 4}) {
      ModelVersionInfo refused = version(model, version);
      assertThat(refused.getState())
          .as("version %s", version)
          .isEqualTo(ModelVersionInfo.State.FAILED);
      assertSafe(refused.getProblemsList());
    }
    assertThat(version(model, 2).getProblemsList())
        .anySatisfy(p -> assertThat(p).contains("outside"));
    assertThat(version(model, 4).getProblemsList())
        .anySatisfy(p -> assertThat(p).contains("bytes"));
    assertThat(version(model, 6).getState())
        .as("a link within the repository is followed")
        .isEqualTo(ModelVersionInfo.State.VALID);
  }

  @Test
  void publish_versionFileNamedPastTheBound_ignoredWithProblemAndNextPublishIsTheNext()
      throws Exception {
    Path folder = Files.createDirectories(leadscore.repositoryRoot().resolve("b2b-default"));
    Files.writeString(folder.resolve("999999999999999999.json"), defaultDocument());

    assertThat(publishDefault()).isEqualTo(2);

    ModelInfo model = listed("b2b-default");
    assertThat(model.getVersionsList())
        .extracting(ModelVersionInfo::getVersion)
        .containsExactly(1L, 2L);
    assertThat(model.getProblemsList())
        .anySatisfy(p -> assertThat(p).contains("999999999999999999.json").contains("999999999"));
    assertSafe(model.getProblemsList());
  }

  @Test
  void publish_highestVersionReached_failedPreconditionNamingTheBound() throws Exception {
    Path folder = Files.createDirectories(leadscore.repositoryRoot().resolve("b2b-default"));
    Files.writeString(folder.resolve("999999999.json"), defaultDocument());

    assertThatThrownBy(this::publishDefault)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertCode(e, Status.Code.FAILED_PRECONDITION);
              assertThat(e.getStatus().getDescription()).contains("999999999");
            });
  }

  private static boolean mkfifo(Path path) throws InterruptedException {
    try {
      return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Opens the FIFO for reading and writing, which never blocks on Linux and lets a reader blocked
   * on it (before the fix) see the end of the file.
   */
  private static void release(Path fifo) {
    try (RandomAccessFile ends = new RandomAccessFile(fifo.toFile(), "rw")) {
      ends.getFD().sync();
    } catch (IOException e) {
      // Already gone.
    }
  }
}
