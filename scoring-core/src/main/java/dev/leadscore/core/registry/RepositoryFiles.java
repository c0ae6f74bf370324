package dev.leadscore.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Reads files of a model repository without trusting them: only regular files, of bounded size, and
 * through symbolic links only when the link resolves inside the repository.
 *
 * <p>Design notes: the checks run on the file's attributes before it is opened, because opening is
 * already the harm for some entries (a FIFO blocks the opener until a writer comes, a device such
 * as {@code /dev/zero} never ends). Links are followed only within the repository so that
 * deployments that mount the repository as links into itself (a Kubernetes ConfigMap volume's
 * {@code ..data}) keep working, while a link to a file elsewhere cannot make the server read, and
 * show, what the operator never put in the repository. Problems are {@link UnreadableFileException}
 * with a message written for clients: what is wrong, never an exception class or the file's bytes.
 * The bytes read are bounded even if the file grows between the check and the read.
 */
final class RepositoryFiles {
  /** The largest version file read: a model of this size already takes seconds to compile. */
  static final int MAX_VERSION_FILE_BYTES = 16 * 1024 * 1024;

  /** The largest {@code labels.json} or {@code experiment.json} read. */
  static final int MAX_SMALL_FILE_BYTES = 64 * 1024;

  private RepositoryFiles() {}

  /** A repository entry that was not read, with a reason safe to show to clients. */
  static final class UnreadableFileException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableFileException(String reason) {
      this(reason, null);
    }

    /** With the I/O error behind it, for the server log only. */
    UnreadableFileException(String reason, @Nullable Throwable cause) {
      super(reason, cause, false, false);
    }
  }

  /**
   * The content of {@code file}, at most {@code maxBytes}.
   *
   * @param realRoot the repository's real path ({@link Path#toRealPath})
   * @throws NoSuchFileException if there is no such file (or a link to nothing)
   * @throws UnreadableFileException if it is not a regular file within the repository of at most
   *     {@code maxBytes}, or cannot be read
   */
  static byte[] read(Path realRoot, Path file, int maxBytes)
      throws NoSuchFileException, UnreadableFileException {
    Path target = target(realRoot, file);
    try {
      BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class);
      checkRegular(attributes);
      if (attributes.size() > maxBytes) {
        throw tooLarge(attributes.size(), maxBytes);
      }
      byte[] content;
      try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
        content = in.readNBytes(maxBytes + 1);
      }
      if (content.length > maxBytes) {
        throw new UnreadableFileException(
            "more than " + maxBytes + " bytes (expected: at most " + maxBytes + " bytes)");
      }
      return content;
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /**
   * Whether {@code folder} is a directory to scan: a directory, or a link to one inside the
   * repository.
   *
   * @throws UnreadableFileException if it is a link to a directory outside the repository
   */
  static boolean isFolder(Path realRoot, Path folder) throws UnreadableFileException {
    try {
      Path target = target(realRoot, folder);
      return Files.readAttributes(target, BasicFileAttributes.class).isDirectory();
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** {@code path} itself, or the real path of the link it is if that lies inside the repository. */
  private static Path target(Path realRoot, Path path)
      throws NoSuchFileException, UnreadableFileException {
    try {
      BasicFileAttributes link =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!link.isSymbolicLink()) {
        return path;
      }
      Path real = path.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new UnreadableFileException(
            "a link to a file outside the model repository (expected: a file in it)");
      }
      return real;
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private static void checkRegular(BasicFileAttributes attributes) throws UnreadableFileException {
    if (attributes.isRegularFile()) {
      return;
    }
    throw new UnreadableFileException(
        (attributes.isDirectory() ? "a directory" : "not a regular file (a FIFO, socket or device)")
            + " (expected: a regular file)");
  }

  private static UnreadableFileException tooLarge(long size, int maxBytes) {
    return new UnreadableFileException(size + " bytes (expected: at most " + maxBytes + " bytes)");
  }

  private static UnreadableFileException unreadable(IOException e) {
    return new UnreadableFileException(
        e instanceof AccessDeniedException
            ? "cannot be read: permission denied"
            : "cannot be read: an I/O error (see the server log)",
        e);
  }
}
