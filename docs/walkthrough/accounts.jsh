// Accounts as a new user meets them: six contacts of one company streamed to a fresh server with
// the bundled b2b-default and b2b-accounts models; the account turns hot once a decision maker and
// a champion are engaged.
//   jshell --class-path leadscore-cli/target/leadscore.jar \
//     docs/walkthrough/common.jsh docs/walkthrough/accounts.jsh
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;

Value text(String s) { return Value.newBuilder().setStringValue(s).build(); }

// Sends inputs on one StreamEvents call and prints each account change the answers report.
void send(LeadEventMessage... inputs) throws Exception {
  CountDownLatch done = new CountDownLatch(1);
  StreamObserver<LeadEventMessage> events = ScoringServiceGrpc.newStub(channel).streamEvents(
      new StreamObserver<LeadScoreUpdate>() {
        public void onNext(LeadScoreUpdate u) {
          if (u.hasError()) { System.out.println(u.getLeadId() + ": " + u.getError().getMessage()); return; }
          for (AccountScoreChange a : u.getAccountsList()) {
            System.out.printf("%-20s %-8s lead %5.2f %-4s %-2s | account %s %5.2f %s -> %s %s%n",
                u.getLeadId(), u.getEventId().isEmpty() ? "profile" : "event",
                u.getScore().getScore(), u.getScore().getBand(), u.getScore().getGrade(),
                a.getAccountId(), a.getScore(), a.getPreviousBand(), a.getBand(), a.getGrade());
          }
        }
        public void onError(Throwable t) { t.printStackTrace(); done.countDown(); }
        public void onCompleted() { done.countDown(); }
      });
  for (LeadEventMessage input : inputs) events.onNext(input);
  events.onCompleted();
  done.await(10, TimeUnit.SECONDS);
}

LeadEventMessage contact(String email, String title) {
  return LeadEventMessage.newBuilder().setLeadId(email).setProfile(ProfileChange.newBuilder()
      .putSet("email", text(email)).putSet("job_title", text(title))
      .putSet("company_size", Value.newBuilder().setNumberValue(800).build())
      .putSet("industry", text("Software"))).build();
}

LeadEventMessage webinar(String email) {
  return LeadEventMessage.newBuilder().setLeadId(email).setEvent(LeadEvent.newBuilder()
      .setId(email + "-webinar").setType("webinar_attended")
      .setTime(Timestamps.fromMillis(System.currentTimeMillis() - 3_600_000))).build();
}

send(contact("ceo@acme.example", "Chief Executive Officer"),
    contact("vera@acme.example", "VP of Sales"),
    contact("dora@acme.example", "Director of Sales"),
    contact("mark@acme.example", "Sales Manager"),
    contact("eli@acme.example", "Software Engineer"),
    contact("ina@acme.example", "Marketing Intern"));
send(webinar("eli@acme.example"));
send(webinar("vera@acme.example"));
send(webinar("mark@acme.example"));

AccountResponse account = scoring.getAccount(
    GetAccountRequest.newBuilder().setAccountId("acme.example").setMaxMembers(3).build());
System.out.println(JsonFormat.printer().print(account));
channel.shutdownNow();
/exit
