// Shared by the walkthrough scripts: a channel to the server and the two stubs.
import com.google.protobuf.Value;
import dev.leadscore.proto.v1.*;
import io.grpc.*;
import java.util.concurrent.TimeUnit;

String target = System.getenv().getOrDefault("LEADSCORE_TARGET", "localhost:50051");
ManagedChannel channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
ModelServiceGrpc.ModelServiceBlockingStub models = ModelServiceGrpc.newBlockingStub(channel);
ScoringServiceGrpc.ScoringServiceBlockingStub scoring = ScoringServiceGrpc.newBlockingStub(channel);

Lead lead = Lead.newBuilder().
    setId("lead-42").
    putAttributes("job_title", Value.newBuilder().setStringValue("VP of Sales").build()).
    putAttributes("company_size", Value.newBuilder().setNumberValue(500).build()).
    build();

void score(String what) {
  ScoreResponse r = scoring.withDeadlineAfter(5, TimeUnit.SECONDS).
      score(ScoreRequest.newBuilder().setLead(lead).build());
  System.out.printf("%s: score %.2f band %s <- model %s version %d label '%s'%n",
      what, r.getScore(), r.getBand(), r.getModel().getName(), r.getModel().getVersion(),
      r.getModel().getLabel());
}

void state() {
  for (ModelInfo m : models.listModels(ListModelsRequest.getDefaultInstance()).getModelsList()) {
    System.out.println("model " + m.getName() + " labels " + m.getLabelsMap());
    for (ModelVersionInfo v : m.getVersionsList()) {
      System.out.printf("  version %d %s builtin=%s %s%n",
          v.getVersion(), v.getState(), v.getBuiltin(), v.getChecksum().substring(0, 19));
    }
  }
}
