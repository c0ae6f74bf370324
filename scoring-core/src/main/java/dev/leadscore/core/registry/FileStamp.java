package dev.leadscore.core.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a scan compares to see that a file changed without reading it: size, modification time and
 * the file key (the inode on Unix, which an atomic rename or an editor's save-by-rename changes).
 */
record FileStamp(long size, FileTime modified, @Nullable Object fileKey) {

  static FileStamp of(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return new FileStamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
  }

  boolean sameAs(@Nullable FileStamp other) {
    return other != null
        && size == other.size
        && modified.equals(other.modified)
        && Objects.equals(fileKey, other.fileKey);
  }
}
