package dev.leadscore.bench;

import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * A bidirectional stream that answers every {@link ScoreRequest} with an empty {@link
 * ScoreResponse} carrying its lead id, pulling requests exactly as {@code ScoreStream} does. It is
 * the baseline the load generator compares {@code ScoreStream} with: the same transport, flow
 * control and interceptors, without scoring. Served only by {@link BenchServer}, never by {@code
 * leadscore serve}.
 */
public final class BenchEchoService {
  /** The service's full name. */
  public static final String SERVICE_NAME = "leadscore.bench.Echo";

  /** {@code leadscore.bench.Echo/Echo}. */
  public static final MethodDescriptor<ScoreRequest, ScoreResponse> ECHO =
      MethodDescriptor.<ScoreRequest, ScoreResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE_NAME, "Echo"))
          .setRequestMarshaller(ProtoUtils.marshaller(ScoreRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(ScoreResponse.getDefaultInstance()))
          .build();

  private BenchEchoService() {}

  static ServerServiceDefinition definition() {
    return ServerServiceDefinition.builder(SERVICE_NAME)
        .addMethod(
            ECHO,
            ServerCalls.asyncBidiStreamingCall(
                responses -> new Echo((ServerCallStreamObserver<ScoreResponse>) responses)))
        .build();
  }

  private static final class Echo implements StreamObserver<ScoreRequest> {
    private final ServerCallStreamObserver<ScoreResponse> responses;
    private boolean waitingForReady;

    Echo(ServerCallStreamObserver<ScoreResponse> responses) {
      this.responses = responses;
      responses.disableAutoRequest();
      responses.setOnReadyHandler(
          () -> {
            if (waitingForReady && responses.isReady()) {
              waitingForReady = false;
              responses.request(1);
            }
          });
      responses.request(1);
    }

    @Override
    public void onNext(ScoreRequest request) {
      responses.onNext(ScoreResponse.newBuilder().setLeadId(request.getLead().getId()).build());
      if (responses.isReady()) {
        responses.request(1);
      } else {
        waitingForReady = true;
      }
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {
      responses.onCompleted();
    }
  }
}
