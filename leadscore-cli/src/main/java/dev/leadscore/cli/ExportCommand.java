package dev.leadscore.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.analysis.EventCountRules;
import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import dev.leadscore.proto.v1.ExportLeadsRequest;
import dev.leadscore.proto.v1.ExportLeadsResponse;
import dev.leadscore.proto.v1.ExportedLead;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadscore export}: the labelled history of a running server, as fit reads it. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Write the leads a running server stores, with their outcome, as a table leadscore fit"
          + " reads: one row per lead, a column per profile attribute, a count(TYPE) column per"
          + " event type (the lead's events up to its first outcome, or up to now) and an outcome"
          + " column, 1 for a lead that converted and 0 otherwise.",
      "CSV, or JSON lines when the file ends in .jsonl or .ndjson. Attributes are as stored now."
          + " leadscore fit turns count(TYPE) columns into rules on the events, so the fitted"
          + " model scores streamed leads as it scored the table. Needs the role read-leads."
    })
final class ExportCommand implements Callable<Integer> {
  private static final String ID = "lead_id";

  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "The table to write.")
  Path output;

  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      description = "Only leads created at or after this time.")
  @Nullable Instant from;

  @Option(names = "--to", paramLabel = "INSTANT", description = "Only leads created before this.")
  @Nullable Instant to;

  @Option(names = "--with-outcome-only", description = "Only leads with an outcome.")
  boolean withOutcomeOnly;

  @Option(
      names = "--label-column",
      defaultValue = "converted",
      description = "Name of the outcome column.")
  String labelColumn = "converted";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return Commands.run(spec.commandLine().getErr(), this::export);
  }

  private int export() throws IOException {
    ExportLeadsRequest.Builder request =
        ExportLeadsRequest.newBuilder().setWithOutcomeOnly(withOutcomeOnly);
    if (from != null) {
      request.setFrom(Timestamps.fromMillis(from.toEpochMilli()));
    }
    if (to != null) {
      request.setTo(Timestamps.fromMillis(to.toEpochMilli()));
    }
    SortedSet<String> attributes = new TreeSet<>();
    SortedSet<String> types = new TreeSet<>();
    long leads = 0;
    long converted = 0;
    // The columns are known only once every lead is read: leads wait in a file, not in memory.
    Path pending = Files.createTempFile("leadscore-export", ".pb");
    try {
      try (OutputStream out = Files.newOutputStream(pending);
          TargetOptions.Connection connection = target.connect()) {
        Iterator<ExportLeadsResponse> pages =
            EvaluationServiceGrpc.newBlockingStub(connection.channel())
                .exportLeads(request.build());
        while (pages.hasNext()) {
          for (ExportedLead lead : pages.next().getLeadsList()) {
            attributes.addAll(lead.getAttributesMap().keySet());
            types.addAll(lead.getEventCountsMap().keySet());
            leads++;
            converted += lead.getConverted() ? 1 : 0;
            lead.writeDelimitedTo(out);
          }
        }
      }
      List<String> columns = columns(attributes, types);
      String name = output.getFileName() == null ? "" : output.getFileName().toString();
      boolean jsonLines =
          name.toLowerCase(Locale.ROOT).endsWith(".jsonl")
              || name.toLowerCase(Locale.ROOT).endsWith(".ndjson");
      write(pending, columns, attributes, types, jsonLines);
    } finally {
      Files.deleteIfExists(pending);
    }
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "exported %d leads (%d converted) with %d attributes and %d event types to %s%n"
                + "next: leadscore fit --data %s --label %s --exclude %s --name MODEL -o MODEL.json%n",
            leads,
            converted,
            attributes.size(),
            types.size(),
            output,
            output,
            labelColumn,
            ID);
    return 0;
  }

  private List<String> columns(SortedSet<String> attributes, SortedSet<String> types) {
    List<String> columns = new ArrayList<>();
    columns.add(ID);
    columns.addAll(attributes);
    types.forEach(type -> columns.add(EventCountRules.column(type)));
    columns.add(labelColumn);
    if (new TreeSet<>(columns).size() != columns.size()) {
      throw new IllegalArgumentException(
          "an attribute is named like a column of the export ("
              + ID
              + ", "
              + labelColumn
              + " or count(TYPE)) (expected: another --label-column)");
    }
    return columns;
  }

  private void write(
      Path pending,
      List<String> columns,
      SortedSet<String> attributes,
      SortedSet<String> types,
      boolean jsonLines)
      throws IOException {
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (InputStream in = Files.newInputStream(pending);
        BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      CSVPrinter csv =
          jsonLines
              ? null
              : new CSVPrinter(
                  writer,
                  CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new)).get());
      ExportedLead lead;
      while ((lead = ExportedLead.parseDelimitedFrom(in)) != null) {
        if (csv != null) {
          csv.printRecord(row(lead, attributes, types));
        } else {
          writer.write(json(lead, attributes, types));
          writer.write('\n');
        }
      }
      if (csv != null) {
        csv.flush();
      }
    }
  }

  private List<String> row(
      ExportedLead lead, SortedSet<String> attributes, SortedSet<String> types) {
    List<String> row = new ArrayList<>(attributes.size() + types.size() + 2);
    row.add(lead.getLeadId());
    for (String attribute : attributes) {
      Value value = lead.getAttributesMap().get(attribute);
      row.add(value == null ? "" : cell(value));
    }
    for (String type : types) {
      row.add(Long.toString(lead.getEventCountsOrDefault(type, 0)));
    }
    row.add(lead.getConverted() ? "1" : "0");
    return row;
  }

  private String json(ExportedLead lead, SortedSet<String> attributes, SortedSet<String> types) {
    Struct.Builder object = Struct.newBuilder();
    object.putFields(ID, Value.newBuilder().setStringValue(lead.getLeadId()).build());
    for (String attribute : attributes) {
      Value value = lead.getAttributesMap().get(attribute);
      if (value != null) {
        object.putFields(attribute, value);
      }
    }
    for (String type : types) {
      object.putFields(
          EventCountRules.column(type),
          Value.newBuilder().setNumberValue(lead.getEventCountsOrDefault(type, 0)).build());
    }
    object.putFields(
        labelColumn, Value.newBuilder().setNumberValue(lead.getConverted() ? 1 : 0).build());
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(object);
    } catch (InvalidProtocolBufferException e) {
      throw new UncheckedIOException(new IOException("cannot write lead " + lead.getLeadId(), e));
    }
  }

  /** A profile value as one CSV cell: numbers without a needless {@code .0}, lists as JSON. */
  static String cell(Value value) {
    return switch (value.getKindCase()) {
      case STRING_VALUE -> value.getStringValue();
      case NUMBER_VALUE -> number(value.getNumberValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case NULL_VALUE, KIND_NOT_SET -> "";
      case LIST_VALUE, STRUCT_VALUE -> {
        try {
          yield JsonFormat.printer().omittingInsignificantWhitespace().print(value);
        } catch (InvalidProtocolBufferException e) {
          yield "";
        }
      }
    };
  }

  private static String number(double number) {
    if (number == Math.rint(number) && Math.abs(number) < 1e15) {
      return Long.toString((long) number);
    }
    return Double.toString(number);
  }
}
