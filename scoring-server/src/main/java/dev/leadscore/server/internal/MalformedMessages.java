package dev.leadscore.server.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.leadscore.core.internal.RateLimitedLog;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Requests that are not valid protobuf answered as bad input, not as a server failure.
 *
 * <p>Design notes. grpc-java parses a request with the method's marshaller before any handler or
 * interceptor sees it; when that throws, {@code ServerImpl} closes the call with {@code UNKNOWN
 * "Application error processing RPC"} and logs the exception with its stack at {@code SEVERE}, once
 * per request. So each method is bound again (as grpc-java's {@code
 * ServerInterceptors.useMarshalledMessages} does) with a marshaller that catches the failure and
 * hands on a marker instead. For a unary or server-streaming call the marker closes the call with
 * {@code INVALID_ARGUMENT}. For the bidirectional streams named when guarding, the stream goes on:
 * the handler receives the request type's default instance while {@link #problem()} says what was
 * wrong, and answers that input in place, in order, with {@code error} set, as it answers any other
 * bad input; the message's frame was whole, only its content was not protobuf, so nothing else of
 * the stream is lost. Every case is logged once per method and cause, then at most once a minute
 * with a count, without a stack.
 */
public final class MalformedMessages {
  private static final System.Logger LOG = System.getLogger(MalformedMessages.class.getName());
  private static final Context.Key<String> PROBLEM = Context.key("leadscore-malformed-message");

  private MalformedMessages() {}

  /** What the marshaller hands on for a request that did not parse. */
  private record Malformed(String description) {}

  /** Where one server reports malformed requests: once per method and cause, then once a minute. */
  public static RateLimitedLog newReports() {
    return new RateLimitedLog(LOG, Duration.ofMinutes(1));
  }

  /**
   * {@code service} with every method's requests parsed under guard.
   *
   * @param inBandMethods full names of bidirectional methods whose handlers answer a malformed
   *     input in place (they call {@link #problem()}); the others close the call
   * @param reports where malformed requests are logged ({@link #newReports()})
   */
  public static ServerServiceDefinition guard(
      ServerServiceDefinition service, Set<String> inBandMethods, RateLimitedLog reports) {
    ServiceDescriptor descriptor = service.getServiceDescriptor();
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      methods.add(
          guard(
              method,
              inBandMethods.contains(method.getMethodDescriptor().getFullMethodName()),
              reports));
    }
    ServiceDescriptor.Builder guarded =
        ServiceDescriptor.newBuilder(descriptor.getName())
            .setSchemaDescriptor(descriptor.getSchemaDescriptor());
    methods.forEach(method -> guarded.addMethod(method.getMethodDescriptor()));
    ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(guarded.build());
    methods.forEach(definition::addMethod);
    return definition.build();
  }

  /**
   * In the handler of an in-band method, while it takes an input: why that input could not be read,
   * or null when it was read.
   */
  public static @Nullable String problem() {
    return PROBLEM.get();
  }

  private static <ReqT, RespT> ServerMethodDefinition<Object, RespT> guard(
      ServerMethodDefinition<ReqT, RespT> definition, boolean inBand, RateLimitedLog reports) {
    MethodDescriptor<ReqT, RespT> method = definition.getMethodDescriptor();
    MethodDescriptor.Marshaller<ReqT> requests = method.getRequestMarshaller();
    @Nullable Object prototype =
        requests instanceof MethodDescriptor.PrototypeMarshaller<ReqT> typed
            ? typed.getMessagePrototype()
            : null;
    String type = prototype == null ? "request" : messageName(prototype);
    MethodDescriptor<Object, RespT> guarded =
        method.toBuilder(new GuardedMarshaller<>(requests, type), method.getResponseMarshaller())
            .build();
    ServerCallHandler<ReqT, RespT> handler = definition.getServerCallHandler();
    return ServerMethodDefinition.create(
        guarded,
        (call, headers) -> {
          @SuppressWarnings(
              "unchecked") // The handler sees its own request type; only we see Object.
          ServerCall<ReqT, RespT> typedCall = (ServerCall<ReqT, RespT>) (ServerCall<?, RespT>) call;
          return new GuardedListener<>(
              handler.startCall(typedCall, headers),
              call,
              method.getFullMethodName(),
              inBand ? prototype : null,
              reports);
        });
  }

  private static String messageName(Object prototype) {
    return prototype instanceof com.google.protobuf.Message message
        ? message.getDescriptorForType().getFullName()
        : "request";
  }

  private static final class GuardedMarshaller<T> implements MethodDescriptor.Marshaller<Object> {
    private final MethodDescriptor.Marshaller<T> requests;
    private final String type;

    GuardedMarshaller(MethodDescriptor.Marshaller<T> requests, String type) {
      this.requests = requests;
      this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked") // Only a client streams requests, with the method's own type.
    public InputStream stream(Object value) {
      return requests.stream((T) value);
    }

    @Override
    public Object parse(InputStream stream) {
      try {
        return requests.parse(stream);
      } catch (RuntimeException e) {
        return new Malformed("not a valid " + type + ": " + reason(e));
      }
    }

    /** Protobuf's own words for what is wrong, which never quote the input; nothing else. */
    private static String reason(Throwable failure) {
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidProtocolBufferException invalid
            && invalid.getMessage() != null) {
          String message = invalid.getMessage();
          int sentence = message.indexOf(". ");
          return (sentence > 0 ? message.substring(0, sentence) : message).replaceAll("\\.$", "");
        }
      }
      return "it cannot be parsed";
    }
  }

  private static final class GuardedListener<ReqT> extends ServerCall.Listener<Object> {
    private final ServerCall.Listener<ReqT> handler;
    private final ServerCall<Object, ?> call;
    private final String methodName;
    private final @Nullable Object prototype;
    private final RateLimitedLog reports;
    // Listener callbacks are serialized by gRPC.
    private boolean closed;

    GuardedListener(
        ServerCall.Listener<ReqT> handler,
        ServerCall<Object, ?> call,
        String methodName,
        @Nullable Object prototype,
        RateLimitedLog reports) {
      this.handler = handler;
      this.call = call;
      this.methodName = methodName;
      this.prototype = prototype;
      this.reports = reports;
    }

    @Override
    @SuppressWarnings("unchecked") // What is not a marker is the method's request type.
    public void onMessage(Object message) {
      if (closed) {
        return;
      }
      if (!(message instanceof Malformed malformed)) {
        handler.onMessage((ReqT) message);
        return;
      }
      reports.log(
          Level.WARNING,
          methodName + malformed.description(),
          () -> "malformed request to " + methodName + ": " + malformed.description());
      if (prototype != null) {
        Context.current()
            .withValue(PROBLEM, malformed.description())
            .run(() -> handler.onMessage((ReqT) prototype));
        return;
      }
      closed = true;
      call.close(
          Status.INVALID_ARGUMENT.withDescription("request: " + malformed.description()),
          new Metadata());
    }

    @Override
    public void onHalfClose() {
      if (!closed) {
        handler.onHalfClose();
      }
    }

    @Override
    public void onReady() {
      if (!closed) {
        handler.onReady();
      }
    }

    @Override
    public void onCancel() {
      handler.onCancel();
    }

    @Override
    public void onComplete() {
      handler.onComplete();
    }
  }
}
