package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.proto.v1.LeadEventBatch;
import dev.leadscore.proto.v1.LeadEventBatchResult;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoreResponse;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes that are not protobuf are bad input, not a server failure (finding 5 of issue 15): a unary
 * call is answered {@code INVALID_ARGUMENT}, a stream answers that one input in place and goes on,
 * and the server logs it once instead of a stack trace per request. Over the production transport,
 * which parses requests (the in-process one hands messages over unparsed).
 */
class MalformedRequestTest {
  /** Field 1 (a length-delimited lead) whose length runs past the end: not a ScoreRequest. */
  private static final byte[] MALFORMED = {0x12, 0x7f, 0x01};

  @TempDir Path workDirectory;

  private LeadscoreRuntime runtime;
  private ManagedChannel channel;
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() throws IOException {
    Logger.getLogger("").addHandler(capture);
    runtime =
        LeadscoreRuntime.builder()
            .transport(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)))
            .models(Files.createDirectories(workDirectory.resolve("models")))
            .store(
                "rocksdb:" + workDirectory.resolve("data"),
                dev.leadscore.core.state.LeadStoreConfig.defaults())
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", runtime.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    Logger.getLogger("").removeHandler(capture);
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    runtime.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void score_malformedBytes_invalidArgumentNamingTheMessageType() {
    assertThatThrownBy(
            () ->
                ClientCalls.blockingUnaryCall(
                    channel,
                    raw(ScoringServiceGrpc.getScoreMethod()),
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                    MALFORMED))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .startsWith("request: not a valid leadscore.v1.ScoreRequest: ")
                  .doesNotContain("Exception");
            });
  }

  @Test
  void scoreStream_malformedInputBetweenGoodOnes_answeredInPlaceAndStreamGoesOn() throws Exception {
    byte[] good = ScoreRequest.newBuilder().setLead(Leads.coldStudent()).build().toByteArray();

    List<byte[]> answers =
        bidi(raw(ScoringServiceGrpc.getScoreStreamMethod()), List.of(good, MALFORMED, good));

    assertThat(answers).hasSize(3);
    assertThat(ScoreResponse.parseFrom(answers.get(0)).getBand()).isEqualTo("cold");
    ScoreResponse refused = ScoreResponse.parseFrom(answers.get(1));
    assertThat(refused.getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    assertThat(refused.getError().getMessage())
        .startsWith("request: not a valid leadscore.v1.ScoreRequest: ");
    assertThat(ScoreResponse.parseFrom(answers.get(2)).getBand()).isEqualTo("cold");
  }

  @Test
  void streamEvents_malformedInputBetweenGoodOnes_answeredInPlaceAndStreamGoesOn()
      throws Exception {
    byte[] good = StreamEventsTest.event("lead-1", "e1", "email_open").toByteArray();
    byte[] second = StreamEventsTest.event("lead-1", "e2", "email_open").toByteArray();

    List<byte[]> answers =
        bidi(raw(ScoringServiceGrpc.getStreamEventsMethod()), List.of(good, MALFORMED, second));

    assertThat(answers).hasSize(3);
    List<LeadScoreUpdate> updates = new ArrayList<>();
    for (byte[] answer : answers) {
      updates.add(LeadScoreUpdate.parseFrom(answer));
    }
    assertThat(updates)
        .filteredOn(LeadScoreUpdate::hasError)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
              assertThat(u.getError().getMessage())
                  .startsWith("input: not a valid leadscore.v1.LeadEventMessage: ");
            });
    assertThat(updates)
        .filteredOn(u -> !u.hasError())
        .extracting(LeadScoreUpdate::getEventId)
        .containsExactly("e1", "e2");
  }

  @Test
  void streamEventBatches_malformedBatchBetweenGoodOnes_refusedInPlaceInOrder() throws Exception {
    byte[] good =
        LeadEventBatch.newBuilder()
            .addInputs(StreamEventsTest.event("lead-1", "e1", "email_open"))
            .build()
            .toByteArray();
    byte[] second =
        LeadEventBatch.newBuilder()
            .addInputs(StreamEventsTest.event("lead-1", "e2", "email_open"))
            .build()
            .toByteArray();

    List<byte[]> answers =
        bidi(
            raw(ScoringServiceGrpc.getStreamEventBatchesMethod()),
            List.of(good, MALFORMED, second));

    assertThat(answers).hasSize(3);
    List<LeadEventBatchResult> results = new ArrayList<>();
    for (byte[] answer : answers) {
      results.add(LeadEventBatchResult.parseFrom(answer));
    }
    assertThat(results.get(0).getUpdates(0).getEventId()).isEqualTo("e1");
    assertThat(results.get(1).getUpdatesList()).isEmpty();
    assertThat(results.get(1).getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    assertThat(results.get(1).getError().getMessage())
        .startsWith("batch: not a valid leadscore.v1.LeadEventBatch: ");
    assertThat(results.get(2).getUpdates(0).getEventId()).isEqualTo("e2");
  }

  @Test
  void score_manyMalformedRequests_loggedOnceWithoutStackTraces() {
    for (int i = 0; i < 200; i++) {
      assertThatThrownBy(
              () ->
                  ClientCalls.blockingUnaryCall(
                      channel,
                      raw(ScoringServiceGrpc.getScoreMethod()),
                      CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                      MALFORMED))
          .isInstanceOf(StatusRuntimeException.class);
    }

    assertThat(logged)
        .filteredOn(r -> r.getThrown() != null)
        .as("records with a stack trace")
        .isEmpty();
    assertThat(logged)
        .filteredOn(r -> String.valueOf(r.getMessage()).contains("malformed request"))
        .hasSize(1);
  }

  private List<byte[]> bidi(MethodDescriptor<byte[], byte[]> method, List<byte[]> inputs)
      throws Exception {
    ClientCall<byte[], byte[]> call =
        channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    List<byte[]> answers = new CopyOnWriteArrayList<>();
    CompletableFuture<Status> closed = new CompletableFuture<>();
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(byte[] message) {
            answers.add(message);
            call.request(1);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        new Metadata());
    call.request(1);
    inputs.forEach(call::sendMessage);
    call.halfClose();
    assertThat(closed.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
    return answers;
  }

  /** {@code method} with requests and responses as bytes, so a test can send anything. */
  private static MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<?, ?> method) {
    return method.toBuilder(BYTES, BYTES).build();
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
}
