package dev.leadscore.core.model;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.internal.ParseFailures;
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
   * Parses a model document the user wrote: unknown fields are refused (a misspelt field must not
   * silently drop a part of a model), and every problem found (syntax, unknown fields, values of
   * the wrong type) is listed with its path and the offending value, for the person who wrote it.
   *
   * @param source names the document in the message, e.g. a file path
   * @throws ScoringException {@link ScoringErrorCode#INVALID_MODEL} when it is not a valid document
   */
  public static ScoringModel parse(String json, String source) {
    return parse(json, source, true);
  }

  /**
   * Parses a stored model document, as {@link #parse} does, but the problem never quotes the
   * document: it is shown to remote callers ({@code ListModels}), and a file in the repository may
   * hold what they must not read. One problem, by kind and position.
   */
  public static ScoringModel parseStored(String json, String source) {
    return parse(json, source, false);
  }

  private static ScoringModel parse(String json, String source, boolean quoteValues) {
    ScoringModel.Builder builder = ScoringModel.newBuilder();
    try {
      PARSER.merge(json, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      // Never the parser's own words: they name its exception classes and quote the document.
      List<FieldViolation> problems =
          quoteValues ? JsonDocumentCheck.problems(json, ScoringModel.getDescriptor()) : List.of();
      throw ScoringException.invalid(
          ScoringErrorCode.INVALID_MODEL,
          source + " is not a valid model document",
          problems.isEmpty()
              ? List.of(new FieldViolation("", ParseFailures.describe(e)))
              : problems);
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
