package dev.leadscore.cli;

import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.evaluation.RocAuc;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import dev.leadscore.proto.v1.GetExperimentRequest;
import dev.leadscore.proto.v1.GetModelRequest;
import dev.leadscore.proto.v1.LeadEvent;
import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadOutcome;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ModelServiceGrpc;
import dev.leadscore.proto.v1.ModelServiceGrpc.ModelServiceBlockingStub;
import dev.leadscore.proto.v1.ProfileChange;
import dev.leadscore.proto.v1.PublishModelRequest;
import dev.leadscore.proto.v1.ScoringModel;
import dev.leadscore.proto.v1.SetExperimentRequest;
import dev.leadscore.proto.v1.SetLabelRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadscore simulate}: a seeded synthetic market streamed through a running server. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Stream synthetic leads whose conversion propensity is known through a running server, in a"
          + " champion/challenger experiment where the challenger is truly better, then record"
          + " outcomes drawn from the propensity.",
      "Creates the model (--model) with a hand-set champion (version 1, label stable) and a"
          + " challenger whose points follow the simulated market (version 2), and splits the"
          + " leads between them, unless the model exists already (then its experiment is used)."
          + " The same --seed sends the same leads, events and outcomes: sending them again only"
          + " gives duplicates. Needs the roles events and admin (on this host, a bare serve has"
          + " them)."
    })
final class SimulateCommand implements Callable<Integer> {
  @Mixin TargetOptions target = new TargetOptions();

  @Option(names = "--leads", defaultValue = "5000", description = "Leads to simulate.")
  int leads = 5000;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of leads, events, outcomes.")
  long seed = 7;

  @Option(names = "--model", defaultValue = "sim-leads", description = "The model to score with.")
  String model = "sim-leads";

  @Option(
      names = "--challenger-percent",
      defaultValue = "50",
      description = "Share of leads the challenger scores, when the experiment is created.")
  int challengerPercent = 50;

  @Option(
      names = "--timeout",
      defaultValue = "600",
      description = "Seconds to wait for the server to answer every input.")
  long timeoutSeconds = 600;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return Commands.run(spec.commandLine().getErr(), this::simulate);
  }

  private int simulate() throws InterruptedException {
    if (leads < 1 || leads > 1_000_000) {
      throw new IllegalArgumentException("--leads " + leads + " (expected: 1 to 1000000)");
    }
    if (challengerPercent < 1 || challengerPercent > 99) {
      throw new IllegalArgumentException(
          "--challenger-percent " + challengerPercent + " (expected: 1 to 99)");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (TargetOptions.Connection connection = target.connect()) {
      out.println(
          "simulate: " + experiment(ModelServiceGrpc.newBlockingStub(connection.channel())));
      out.flush();
      Instant now = Instant.now();
      double[] propensities = new double[leads];
      long started = System.nanoTime();
      InputPump events =
          InputPump.send(
              connection.channel(),
              inputs(Simulation.generate(leads, seed, now), propensities),
              timeoutSeconds);
      failOn(events);
      out.printf(
          "simulate: %d leads, %d profiles and events sent in %.1f s (%d already applied); %s%n",
          leads,
          events.answered(),
          (System.nanoTime() - started) / 1e9,
          events.duplicates(),
          arms(events.profilesByGroup()));
      out.flush();
      // The same leads again (same seed and clock), now to draw their outcomes.
      Random draws = new Random(seed * 31 + 17);
      Instant decided = Instant.now();
      boolean[] labels = new boolean[leads];
      int[] counts = new int[2];
      Iterator<Simulation.SimulatedLead> again = Simulation.generate(leads, seed, now);
      Iterator<LeadEventMessage> outcomes =
          new Iterator<>() {
            private int n;
            private @Nullable LeadEventMessage next = advance();

            private @Nullable LeadEventMessage advance() {
              while (again.hasNext()) {
                Simulation.SimulatedLead lead = again.next();
                Optional<LeadOutcome> outcome = Simulation.outcome(lead, draws, decided);
                boolean converted =
                    outcome.map(o -> o.getKind() == LeadOutcome.Kind.CONVERTED).orElse(false);
                labels[n++] = converted;
                counts[0] += converted ? 1 : 0;
                counts[1] += outcome.isPresent() && !converted ? 1 : 0;
                if (outcome.isPresent()) {
                  return LeadEventMessage.newBuilder()
                      .setLeadId(lead.id())
                      .setModel(ref())
                      .setOutcome(outcome.get())
                      .build();
                }
              }
              return null;
            }

            @Override
            public boolean hasNext() {
              return next != null;
            }

            @Override
            public LeadEventMessage next() {
              LeadEventMessage current = next;
              if (current == null) {
                throw new NoSuchElementException();
              }
              next = advance();
              return current;
            }
          };
      failOn(InputPump.send(connection.channel(), outcomes, timeoutSeconds));
      out.printf(
          "simulate: outcomes recorded: %d converted, %d disqualified, %d open; the true propensity"
              + " ranks them with ROC AUC %.3f (what a perfect model would reach)%n",
          counts[0], counts[1], leads - counts[0] - counts[1], RocAuc.auc(propensities, labels));
      out.println("next: leadscore evaluate --live --model " + model);
      return 0;
    }
  }

  /** Creates the model and its experiment unless the model exists; says what it found. */
  private String experiment(ModelServiceBlockingStub models) {
    if (exists(models)) {
      Experiment running;
      try {
        running = models.getExperiment(GetExperimentRequest.newBuilder().setName(model).build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
        throw new IllegalArgumentException(
            "model " + model + " exists but runs no experiment (expected: a new --model name)");
      }
      return "model "
          + model
          + " exists; its experiment sends "
          + running.getChallengerPercent()
          + " % of leads to the challenger";
    }
    long champion = publish(models, "simulation/champion.json");
    long challenger = publish(models, "simulation/challenger.json");
    models.setLabel(
        SetLabelRequest.newBuilder()
            .setName(model)
            .setLabel("stable")
            .setVersion(champion)
            .build());
    models.setExperiment(
        SetExperimentRequest.newBuilder()
            .setExperiment(
                Experiment.newBuilder()
                    .setModel(model)
                    .setChampion(ExperimentArm.newBuilder().setLabel("stable"))
                    .setChallenger(ExperimentArm.newBuilder().setVersion(challenger))
                    .setChallengerPercent(challengerPercent))
            .build());
    return String.format(
        "published %s version %d (champion, label stable) and version %d (challenger); %d %% of"
            + " leads go to the challenger",
        model, champion, challenger, challengerPercent);
  }

  private boolean exists(ModelServiceBlockingStub models) {
    try {
      models.getModel(
          GetModelRequest.newBuilder().setModel(ModelRef.newBuilder().setName(model)).build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      return false;
    }
  }

  private long publish(ModelServiceBlockingStub models, String resource) {
    ScoringModel document =
        ModelDocuments.parse(resource(resource), resource).toBuilder().setName(model).build();
    return models
        .publishModel(PublishModelRequest.newBuilder().setModel(document).build())
        .getVersion()
        .getVersion();
  }

  private static String resource(String name) {
    try (InputStream in = SimulateCommand.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each lead's profile, then its events; records each lead's propensity as it goes. */
  private Iterator<LeadEventMessage> inputs(
      Iterator<Simulation.SimulatedLead> simulated, double[] propensities) {
    return new Iterator<>() {
      private final ArrayDeque<LeadEventMessage> queued = new ArrayDeque<>();
      private int n;

      @Override
      public boolean hasNext() {
        if (queued.isEmpty() && simulated.hasNext()) {
          Simulation.SimulatedLead lead = simulated.next();
          propensities[n++] = lead.propensity();
          queued.add(
              LeadEventMessage.newBuilder()
                  .setLeadId(lead.id())
                  .setModel(ref())
                  .setProfile(ProfileChange.newBuilder().putAllSet(lead.attributes()))
                  .build());
          for (LeadEvent event : lead.events()) {
            queued.add(
                LeadEventMessage.newBuilder()
                    .setLeadId(lead.id())
                    .setModel(ref())
                    .setEvent(event)
                    .build());
          }
        }
        return !queued.isEmpty();
      }

      @Override
      public LeadEventMessage next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return queued.poll();
      }
    };
  }

  private ModelRef ref() {
    return ModelRef.newBuilder().setName(model).build();
  }

  private static String arms(Map<String, Long> groups) {
    List<String> parts = new ArrayList<>();
    groups.forEach((group, count) -> parts.add(group + " scored " + count));
    return String.join(", ", parts);
  }

  /** Fails with the first failed input's status, saying how many failed. */
  private static void failOn(InputPump pump) {
    List<LeadScoreUpdate> failures = pump.failures();
    if (!failures.isEmpty()) {
      LeadScoreUpdate first = failures.get(0);
      throw StatusProto.toStatusRuntimeException(
          first.getError().toBuilder()
              .setMessage(
                  pump.failed()
                      + " inputs failed, e.g. lead "
                      + first.getLeadId()
                      + ": "
                      + first.getError().getMessage())
              .build());
    }
  }
}
