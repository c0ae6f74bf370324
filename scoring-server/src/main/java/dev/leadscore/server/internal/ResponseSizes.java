package dev.leadscore.server.internal;

import io.grpc.Status;

/**
 * Keeps answers within what a client accepts: gRPC clients refuse messages above 4 MiB unless told
 * otherwise, so a larger answer would cost the server its memory and the client its call. A call
 * whose answer would be larger fails with {@code RESOURCE_EXHAUSTED} before the answer is built
 * further.
 */
public final class ResponseSizes {
  /** The largest answer the server sends: gRPC's default inbound limit of its clients. */
  public static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  private ResponseSizes() {}

  /** The bytes an element of a repeated message field of {@code size} bytes takes in its parent. */
  public static long ofElement(int size) {
    // Tag (1 byte for fields below 16) and a varint length of at most 5 bytes.
    return 1L + (size < 128 ? 1 : size < 16_384 ? 2 : size < 2_097_152 ? 3 : 5) + size;
  }

  /**
   * @throws io.grpc.StatusRuntimeException {@code RESOURCE_EXHAUSTED} if {@code size} bytes are
   *     more than {@link #MAX_RESPONSE_BYTES}
   */
  public static void check(long size, String what) {
    if (size > MAX_RESPONSE_BYTES) {
      throw Status.RESOURCE_EXHAUSTED
          .withDescription(
              what
                  + " would be "
                  + size
                  + " bytes (expected: at most "
                  + MAX_RESPONSE_BYTES
                  + " bytes; send fewer leads per call or set skip_explanation)")
          .asRuntimeException();
    }
  }
}
