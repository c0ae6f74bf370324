// Sends a profile change and an event over StreamEvents: node stream-events.js localhost:50051
const { grpc, leadscore } = require('./leadscore');

const target = process.argv[2] || 'localhost:50051';
const eventId = `evt-node-${Date.now()}`; // a new id: a resent one is answered as a duplicate
// [START stream]
const scoring = new leadscore.v1.ScoringService(target, grpc.credentials.createInsecure());
const events = scoring.StreamEvents();
events.on('data', (update) => { // one answer per input, in order per lead
  if (update.error) { // a google.rpc.Status for this input; the stream goes on
    console.log(update.leadId, 'refused:', update.error.message);
  } else {
    console.log(update.leadId, update.previousBand || '(new)', '->', update.score.band,
      update.duplicate ? '(duplicate)' : '');
  }
});
events.on('error', (error) => { // reconnect and resend what was not answered
  console.error(`${grpc.status[error.code]}: ${error.details}`);
  process.exitCode = 1;
});
events.on('end', () => scoring.close());
events.write({
  leadId: 'jane@acme.example',
  profile: { set: { job_title: { stringValue: 'Director of Sales' } } },
});
events.write({
  leadId: 'jane@acme.example',
  event: { id: eventId, type: 'webinar_attended', time: { seconds: Math.floor(Date.now() / 1000) } },
});
events.end(); // no more inputs: the server answers the rest, then ends the stream
// [END stream]
