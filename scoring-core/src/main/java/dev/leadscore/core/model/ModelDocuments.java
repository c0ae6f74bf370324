package dev.leadscore.core.model;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.List;
import java.util.regex.Pattern;

/** Reads and writes model documents in their canonical protobuf JSON form. */
public final class ModelDocuments {
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer();
  private static final Pattern JAVA_CLASS =
      Pattern.compile("\\b(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error):\\s*");

  private ModelDocuments() {}

  /**
   * Parses a model document. Unknown fields are refused: a misspelt field must not silently drop a
   * part of a model.
   *
   * @param source names the document in the message, e.g. a file path
   * @throws ScoringException {@link ScoringErrorCode#INVALID_MODEL} when it is not a valid
   *     document, listing every problem found (syntax, unknown fields, values of the wrong type)
   *     with its path
   */
  public static ScoringModel parse(String json, String source) {
    ScoringModel.Builder builder = ScoringModel.newBuilder();
    try {
      PARSER.merge(json, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      List<FieldViolation> problems =
          JsonDocumentCheck.problems(json, ScoringModel.getDescriptor());
      throw ScoringException.invalid(
          ScoringErrorCode.INVALID_MODEL,
          source + " is not a valid model document",
          problems.isEmpty() ? List.of(new FieldViolation("", parserReason(e))) : problems);
    }
    return builder.build();
  }

  /**
   * The parser's reason when the check found nothing (a duplicate field, a number out of range):
   * its own words, which never name a Java class but may wrap Gson's, which do.
   */
  private static String parserReason(Exception e) {
    String reason = e.getMessage();
    if (reason == null || reason.isBlank()) {
      return "not a valid model document (expected: the JSON of leadscore.v1.ScoringModel)";
    }
    return JAVA_CLASS.matcher(reason).replaceAll("");
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
