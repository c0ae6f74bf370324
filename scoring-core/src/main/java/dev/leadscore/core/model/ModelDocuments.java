package dev.leadscore.core.model;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
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
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw ScoringException.invalid(
          ScoringErrorCode.INVALID_MODEL,
          source + " is not a valid model document",
          List.of(new FieldViolation("", reason)));
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
