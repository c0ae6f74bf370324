package dev.leadscore.cli;

import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ModelVersionInfo;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.PublishModelResponse;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.proto.v1.SetLabelRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leadscore publish}: a model file as the next version on a running server. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a model file on a running server as the next version of the model it names"
          + " (PublishModel), and optionally point a label at it (SetLabel), e.g. --label stable"
          + " to serve it by default or --label challenger for an experiment arm.",
      "The server checks the model as validate does; nothing is stored if it is invalid. Needs"
          + " the role admin (on this host, a bare serve gives it)."
    })
final class PublishCommand implements Callable<Integer> {
  @Mixin TargetOptions target = new TargetOptions();

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model JSON file.")
  Path model;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Publish under this model name instead of the file's.")
  @Nullable String name;

  @Option(
      names = "--label",
      paramLabel = "LABEL",
      description = "Point this label at the new version.")
  @Nullable String label;

  @Option(
      names = "--expected-latest-version",
      paramLabel = "N",
      description = "Refuse if the model's latest version is not N (0: a new model).")
  @Nullable Long expectedLatest;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return Commands.run(spec.commandLine().getErr(), this::publish);
  }

  private int publish() {
    ScoringModel document = ModelDocuments.parse(Commands.readString(model), model.toString());
    if (name != null) {
      document = document.toBuilder().setName(name).build();
    }
    PublishModelRequest.Builder request = PublishModelRequest.newBuilder().setModel(document);
    if (expectedLatest != null) {
      request.setExpectedLatestVersion(expectedLatest);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (TargetOptions.Connection connection = target.connect()) {
      var models = ModelServiceGrpc.newBlockingStub(connection.channel());
      PublishModelResponse published = models.publishModel(request.build());
      ModelVersionInfo version = published.getVersion();
      out.printf("published %s version %d%n", version.getName(), version.getVersion());
      published
          .getWarningsList()
          .forEach(w -> out.println("warning: " + w.getField() + ": " + w.getDescription()));
      if (label != null) {
        models.setLabel(
            SetLabelRequest.newBuilder()
                .setName(version.getName())
                .setLabel(label)
                .setVersion(version.getVersion())
                .build());
        out.printf("label %s -> %s version %d%n", label, version.getName(), version.getVersion());
      }
    }
    return 0;
  }
}
