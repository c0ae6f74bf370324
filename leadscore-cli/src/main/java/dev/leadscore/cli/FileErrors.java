package dev.leadscore.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * File errors in a user's words. The JDK's messages are the bare path ({@code NoSuchFileException:
 * models/1.json}), which reads as nonsense once the class name is dropped; so each kind gets a
 * phrase, and the path is named once by the caller.
 */
final class FileErrors {
  private FileErrors() {}

  /** {@code "cannot read models/1.json: no such file"}. */
  static String cannotRead(Path file, IOException e) {
    return "cannot read " + file + ": " + reason(e);
  }

  /** {@code "cannot write out/report.html: permission denied"}. */
  static String cannotWrite(Path file, IOException e) {
    return "cannot write " + file + ": " + reason(e);
  }

  /** {@code "certs/server.key: no such file or directory"}: the file the JDK names, and why. */
  static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return f.getFile() + ": " + reason(e);
    }
    return reason(e);
  }

  /** What went wrong, without the path when the JDK's message is only the path. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException f) {
      return other(f, "no such file or directory");
    }
    if (e instanceof AccessDeniedException f) {
      return other(f, "permission denied");
    }
    if (e instanceof NotDirectoryException f) {
      return other(f, "not a directory");
    }
    if (e instanceof FileAlreadyExistsException f) {
      return other(f, "a file is in the way");
    }
    if (e instanceof DirectoryNotEmptyException f) {
      return other(f, "directory not empty");
    }
    if (e instanceof FileSystemException f) {
      return other(f, f.getReason() == null ? "file system error" : f.getReason());
    }
    String message = e.getMessage();
    if (message != null && message.equals("Is a directory")) {
      return "is a directory";
    }
    return message == null || message.isBlank() ? "input/output error" : message;
  }

  /** The phrase, and the other file the JDK names when it is not the one the caller names. */
  private static String other(FileSystemException e, String phrase) {
    return e.getOtherFile() == null ? phrase : phrase + " (" + e.getOtherFile() + ")";
  }
}
