package dev.leadscore.core.registry;

import static java.util.Objects.requireNonNull;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.ScoringModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads model versions from a directory laid out as {@code <dir>/<model-name>/<version>.json} (e.g.
 * {@code models/b2b-default/1.json}), each file one model document in canonical protobuf JSON whose
 * {@code name} is its folder's name.
 */
public final class ModelDirectory {
  private final ModelCompiler compiler;

  public ModelDirectory(ModelCompiler compiler) {
    this.compiler = requireNonNull(compiler, "compiler");
  }

  /**
   * Compiles a model bundled as a class path resource.
   *
   * @throws ScoringException {@link ScoringErrorCode#STARTUP_FAILED} if it is missing or invalid
   */
  public CompiledModel loadResource(String resource, String name, long version) {
    try (InputStream in = ModelDirectory.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ScoringException(
            ScoringErrorCode.STARTUP_FAILED, "bundled model " + resource + " is missing");
      }
      List<CompiledModel> models = new ArrayList<>(1);
      List<FieldViolation> problems = new ArrayList<>();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      compile(json, resource, name, version, models, problems);
      failOnProblems(problems);
      return models.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled model " + resource, e);
    }
  }

  private void compile(
      String json,
      String source,
      String expectedName,
      long version,
      List<CompiledModel> models,
      List<FieldViolation> problems) {
    try {
      ScoringModel document = ModelDocuments.parse(json, source);
      if (!document.getName().equals(expectedName)) {
        problems.add(
            new FieldViolation(
                source + ": name",
                "\""
                    + document.getName()
                    + "\" (expected: \""
                    + expectedName
                    + "\", the name of its folder)"));
        return;
      }
      models.add(compiler.compile(document, version));
    } catch (ScoringException e) {
      for (FieldViolation violation : e.violations()) {
        String field = violation.field().isEmpty() ? source : source + ": " + violation.field();
        problems.add(new FieldViolation(field, violation.description()));
      }
    }
  }

  private static void failOnProblems(List<FieldViolation> problems) {
    if (!problems.isEmpty()) {
      throw ScoringException.invalid(
          ScoringErrorCode.STARTUP_FAILED, "models failed to load", problems);
    }
  }
}
