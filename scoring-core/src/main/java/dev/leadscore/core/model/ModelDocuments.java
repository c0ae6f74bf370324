package dev.leadscore.core.model;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.internal.ParseFailures;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.List;

/** Reads and writes model documents in their canonical protobuf JSON form. */
public final class ModelDocuments {
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer();

  private ModelDocuments() {}

  /**
   * Parses a model document. Unknown fields are refused: a misspelt field must not silently drop a
   * part of a model.
   *
   * @param source names the document in the message, e.g. a file path
   * @throws ScoringException {@link ScoringErrorCode#INVALID_MODEL} when it is not a valid document
   */
  public static ScoringModel parse(String json, String source) {
    ScoringModel.Builder builder = ScoringModel.newBuilder();
    try {
      PARSER.merge(json, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      // Never the parser's words as they are: they name its exception classes and quote the
      // document, which may be a file the caller must not read.
      throw ScoringException.invalid(
          ScoringErrorCode.INVALID_MODEL,
          source + " is not a valid model document",
          List.of(new FieldViolation("", ParseFailures.describe(e))));
    }
    return builder.build();
  }

  /** The canonical JSON of a model. */
  public static String print(ScoringModel model) {
    try {
      return PRINTER.print(model);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a ScoringModel always prints", e);
    }
  }
}
