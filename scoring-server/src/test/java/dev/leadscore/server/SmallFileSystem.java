package dev.leadscore.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system (tmpfs) mounted for one test, so the test can fill it. Mounting needs
 * privileges: where {@code mount} is refused the test is skipped, and says so.
 */
final class SmallFileSystem implements AutoCloseable {
  private final Path mountPoint;

  private SmallFileSystem(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /** Mounts a tmpfs of {@code megabytes} at {@code mountPoint}, or skips the test. */
  static SmallFileSystem mount(Path mountPoint, int megabytes) throws Exception {
    Files.createDirectories(mountPoint);
    int status =
        run(
            "mount",
            "-t",
            "tmpfs",
            "-o",
            "size=" + megabytes + "m",
            "tmpfs",
            mountPoint.toString());
    assumeTrue(status == 0, "cannot mount a tmpfs here (status " + status + "): test skipped");
    return new SmallFileSystem(mountPoint);
  }

  Path root() {
    return mountPoint;
  }

  long usableBytes() throws IOException {
    return Files.getFileStore(mountPoint).getUsableSpace();
  }

  /** Takes all but {@code leftBytes} of the free space with one file; returns it. */
  Path fill(long leftBytes) throws IOException {
    Path filler = mountPoint.resolve("filler");
    long size = usableBytes() - leftBytes;
    byte[] chunk = new byte[1024 * 1024];
    try (var out = Files.newOutputStream(filler)) {
      while (size > 0) {
        int part = (int) Math.min(chunk.length, size);
        out.write(chunk, 0, part);
        size -= part;
      }
    }
    return filler;
  }

  @Override
  public void close() throws Exception {
    run("umount", mountPoint.toString());
  }

  private static int run(String... command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return -1;
    }
    process.getInputStream().readAllBytes();
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }
}
