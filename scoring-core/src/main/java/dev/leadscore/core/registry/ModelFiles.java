package dev.leadscore.core.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable, atomic writes of repository files: the content goes to a temporary file in the same
 * directory, is forced to disk, renamed over the target in one atomic step, and the directory is
 * forced too. A reader sees the old file or the new one, never a part; a crash leaves at most a
 * hidden {@code .*.tmp} file that scans ignore.
 */
final class ModelFiles {
  private ModelFiles() {}

  /** Writes {@code target}, replacing it if it exists. */
  static void replace(Path target, byte[] content) throws IOException {
    write(target, content, true);
  }

  /**
   * Writes {@code target}, which must not exist: version files are immutable.
   *
   * @throws FileAlreadyExistsException if it exists
   */
  static void create(Path target, byte[] content) throws IOException {
    write(target, content, false);
  }

  /** Deletes {@code target} if it exists, durably. */
  static void delete(Path target) throws IOException {
    if (Files.deleteIfExists(target)) {
      forceDirectory(directoryOf(target));
    }
  }

  private static void write(Path target, byte[] content, boolean replace) throws IOException {
    Path directory = directoryOf(target);
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      // Callers hold the repository's write lock, so nothing creates the target between this check
      // and the rename.
      if (!replace && Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(directory);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static Path directoryOf(Path file) {
    Path directory = file.toAbsolutePath().getParent();
    if (directory == null) {
      throw new IllegalArgumentException(file + " is a file system root (expected: a file)");
    }
    return directory;
  }

  private static void forceDirectory(Path directory) {
    // Makes the rename itself durable. Not every platform can open a directory (Windows cannot);
    // there the rename is as durable as the file system makes it.
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      return;
    }
  }
}
