package dev.leadscore.cli;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What grpcurl does with {@code -plaintext -d JSON HOST:PORT service/Method}, done in Java: the
 * method's types from server reflection (v1), the JSON parsed against them, a unary call, the
 * answer printed as JSON. grpcurl is not packaged by Debian, so the README's grpcurl commands are
 * checked through this.
 */
final class Grpcurl {
  private Grpcurl() {}

  /** Runs the words of one grpcurl command on {@code channel}; returns the answer's JSON. */
  static String run(ManagedChannel channel, List<String> words) throws Exception {
    String data = "{}";
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < words.size(); i++) {
      switch (words.get(i)) {
        case "-plaintext" -> {}
        case "-d" -> data = words.get(++i);
        case "-H" -> i++;
        default -> positional.add(words.get(i));
      }
    }
    String fullMethod = positional.get(positional.size() - 1);
    String service = fullMethod.substring(0, fullMethod.lastIndexOf('/'));
    MethodDescriptor method =
        service(channel, service).findMethodByName(fullMethod.substring(service.length() + 1));
    Descriptor input = method.getInputType();
    JsonFormat.TypeRegistry types =
        JsonFormat.TypeRegistry.newBuilder().add(input).add(method.getOutputType()).build();
    DynamicMessage.Builder request = DynamicMessage.newBuilder(input);
    JsonFormat.parser().usingTypeRegistry(types).merge(data, request);
    io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> call =
        io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
            .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(fullMethod)
            .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(input)))
            .setResponseMarshaller(
                ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
            .build();
    DynamicMessage response =
        ClientCalls.blockingUnaryCall(
            channel,
            call,
            CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
            request.build());
    return JsonFormat.printer().usingTypeRegistry(types).print(response);
  }

  private static ServiceDescriptor service(ManagedChannel channel, String name) throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse response) {
                    answer.complete(response);
                  }

                  @Override
                  public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol(name).build());
    requests.onCompleted();
    Map<String, FileDescriptorProto> files = new HashMap<>();
    for (var bytes :
        answer.get(30, TimeUnit.SECONDS).getFileDescriptorResponse().getFileDescriptorProtoList()) {
      FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
      files.put(file.getName(), file);
    }
    Map<String, FileDescriptor> built = new HashMap<>();
    for (String file : files.keySet()) {
      ServiceDescriptor service = build(file, files, built).findServiceByName(simple(name));
      if (service != null && service.getFullName().equals(name)) {
        return service;
      }
    }
    throw new AssertionError("reflection does not know " + name);
  }

  private static FileDescriptor build(
      String name, Map<String, FileDescriptorProto> files, Map<String, FileDescriptor> built)
      throws DescriptorValidationException, InvalidProtocolBufferException {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto file = files.get(name);
    List<FileDescriptor> dependencies = new ArrayList<>();
    for (String dependency : file.getDependencyList()) {
      dependencies.add(build(dependency, files, built));
    }
    FileDescriptor descriptor =
        FileDescriptor.buildFrom(file, dependencies.toArray(FileDescriptor[]::new));
    built.put(name, descriptor);
    return descriptor;
  }

  private static String simple(String fullName) {
    return fullName.substring(fullName.lastIndexOf('.') + 1);
  }
}
