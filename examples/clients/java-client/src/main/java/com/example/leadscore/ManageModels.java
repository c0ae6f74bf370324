package com.example.leadscore;

import dev.leadscore.client.LeadscoreChannels;
import dev.leadscore.proto.v1.DeleteExperimentRequest;
import dev.leadscore.proto.v1.DeleteLabelRequest;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import dev.leadscore.proto.v1.GetExperimentRequest;
import dev.leadscore.proto.v1.GetModelRequest;
import dev.leadscore.proto.v1.GetModelResponse;
import dev.leadscore.proto.v1.ListCriterionTypesRequest;
import dev.leadscore.proto.v1.ListCriterionTypesResponse;
import dev.leadscore.proto.v1.ListModelsRequest;
import dev.leadscore.proto.v1.ListModelsResponse;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.Rule;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.proto.v1.SetExperimentRequest;
import dev.leadscore.proto.v1.SetLabelRequest;
import dev.leadscore.proto.v1.ValidateModelRequest;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/**
 * Changes the default model on a fresh server: a new version with one more rule, labels, a 90/10
 * experiment. {@code mvn -q compile exec:java -Dexec.mainClass=com.example.leadscore.ManageModels}.
 * A server with an admin token needs it in {@code LEADSCORE_ADMIN_TOKEN}, and TLS to send it.
 */
public final class ManageModels {
  private ManageModels() {}

  public static void main(String[] args) throws Exception {
    String target = args.length > 0 ? args[0] : "localhost:50051";
    String token = System.getenv("LEADSCORE_ADMIN_TOKEN");
    LeadscoreChannels.Builder builder = LeadscoreChannels.forTarget(target);
    if (token != null && System.getenv("LEADSCORE_CA") != null) {
      builder.tls(java.nio.file.Path.of(System.getenv("LEADSCORE_CA"))).bearerToken(token);
    }
    ManagedChannel channel = builder.build();
    // [START models]
    ModelServiceGrpc.ModelServiceBlockingStub models = ModelServiceGrpc.newBlockingStub(channel);

    GetModelResponse current =
        models.getModel(
            GetModelRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setName("b2b-default")) // its stable, else latest
                .build());
    ScoringModel changed =
        current.getModel().toBuilder()
            .addRules(
                Rule.newBuilder()
                    .setId("titled_lead_bonus")
                    .setWhen("'job_title' in attributes")
                    .setAddPoints(10))
            .build();

    boolean valid =
        models
            .validateModel(ValidateModelRequest.newBuilder().setModel(changed).build())
            .getValid();
    long version =
        models
            .publishModel(
                PublishModelRequest.newBuilder()
                    .setModel(changed)
                    .setExpectedLatestVersion(current.getVersion().getVersion())
                    .build())
            .getVersion()
            .getVersion(); // 2 on a fresh server
    models.setLabel(
        SetLabelRequest.newBuilder()
            .setName("b2b-default")
            .setLabel("stable")
            .setVersion(version)
            .build());
    models.setLabel(
        SetLabelRequest.newBuilder()
            .setName("b2b-default")
            .setLabel("canary")
            .setVersion(1)
            .build());
    models.deleteLabel(
        DeleteLabelRequest.newBuilder().setName("b2b-default").setLabel("canary").build());
    ListModelsResponse all = models.listModels(ListModelsRequest.getDefaultInstance());
    ListCriterionTypesResponse types =
        models.listCriterionTypes(ListCriterionTypesRequest.getDefaultInstance());

    models.setExperiment(
        SetExperimentRequest.newBuilder()
            .setExperiment(
                Experiment.newBuilder()
                    .setModel("b2b-default")
                    .setChampion(ExperimentArm.newBuilder().setLabel("stable"))
                    .setChallenger(ExperimentArm.newBuilder().setVersion(1))
                    .setChallengerPercent(10)) // 90/10 by lead id
            .build());
    Experiment running =
        models.getExperiment(GetExperimentRequest.newBuilder().setName("b2b-default").build());
    models.deleteExperiment(DeleteExperimentRequest.newBuilder().setName("b2b-default").build());
    // [END models]
    System.out.println("valid: " + valid);
    System.out.println("published version " + version);
    System.out.println(
        "labels "
            + all.getModelsList().stream()
                .filter(model -> model.getName().equals("b2b-default"))
                .findFirst()
                .orElseThrow()
                .getLabelsMap());
    System.out.println("criterion types " + types.getTypesCount());
    System.out.println(
        "experiment champion "
            + running.getChampion().getLabel()
            + " challenger "
            + running.getChallenger().getVersion()
            + " at "
            + running.getChallengerPercent()
            + " %");
    channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
  }
}
