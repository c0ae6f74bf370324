package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.core.registry.RepositoryModelRegistry;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The production transport on loopback: what grpcurl and remote stubs see. */
class NettyServerTest {
  private LeadscoreServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    RepositoryModelRegistry registry = InProcessLeadscore.bundledRegistry();
    server =
        LeadscoreServer.builder(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)))
            .registry(registry)
            .build()
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void health_afterStart_servingForServerAndScoringService() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);

    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertThat(
            health
                .check(
                    HealthCheckRequest.newBuilder()
                        .setService(ScoringServiceGrpc.SERVICE_NAME)
                        .build())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void reflection_listServices_includesScoringAndHealth() throws Exception {
    CompletableFuture<List<String>> services = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse response) {
                    services.complete(
                        response.getListServicesResponse().getServiceList().stream()
                            .map(ServiceResponse::getName)
                            .toList());
                  }

                  @Override
                  public void onError(Throwable t) {
                    services.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();

    assertThat(services.get(10, TimeUnit.SECONDS))
        .contains("leadscore.v1.ScoringService", "grpc.health.v1.Health");
  }

  @Test
  void reflectionV1Alpha_listsServicesAndDescribesScoringService() throws Exception {
    // What Postman, Evans and grpcurl before 1.8.8 send: the pre-v1 name of the same service.
    List<io.grpc.reflection.v1alpha.ServerReflectionResponse> answers =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
        io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(io.grpc.reflection.v1alpha.ServerReflectionResponse answer) {
                    answers.add(answer);
                  }

                  @Override
                  public void onError(Throwable t) {
                    done.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    done.complete(null);
                  }
                });
    requests.onNext(
        io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
            .setListServices("")
            .build());
    requests.onNext(
        io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
            .setFileContainingSymbol("leadscore.v1.ScoringService")
            .build());
    requests.onCompleted();
    done.get(10, TimeUnit.SECONDS);

    assertThat(answers).hasSize(2);
    assertThat(
            answers.get(0).getListServicesResponse().getServiceList().stream()
                .map(io.grpc.reflection.v1alpha.ServiceResponse::getName))
        .contains(
            "leadscore.v1.ScoringService",
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection");
    com.google.protobuf.DescriptorProtos.FileDescriptorProto file =
        com.google.protobuf.DescriptorProtos.FileDescriptorProto.parseFrom(
            answers.get(1).getFileDescriptorResponse().getFileDescriptorProto(0));
    assertThat(file.getServiceList())
        .anySatisfy(service -> assertThat(service.getName()).isEqualTo("ScoringService"));
  }

  @Test
  void score_overLoopback_withDeadline_answers() {
    assertThat(
            ScoringServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .score(ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build())
                .getBand())
        .isEqualTo("cold");
  }
}
