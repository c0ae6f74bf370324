// Scores one lead with the bundled b2b-default model: node score.js localhost:50051
const { grpc, leadscore } = require('./leadscore');

const target = process.argv[2] || 'localhost:50051';
// [START score]
const scoring = new leadscore.v1.ScoringService(target, grpc.credentials.createInsecure());
const request = {
  lead: {
    id: 'lead-42',
    attributes: {
      job_title: { stringValue: 'VP of Sales' },
      company_size: { numberValue: 500 },
    },
    events: [{ type: 'demo_request', time: { seconds: 1795514400 } }], // 2026-11-24T10:00:00Z
  },
  asOf: { seconds: 1795564800 }, // 2026-11-25T00:00:00Z
};
const deadline = new Date(Date.now() + 10000); // a cold server's first call is slow
scoring.Score(request, { deadline }, (error, response) => {
  if (error) {
    console.error(`${grpc.status[error.code]}: ${error.details}`);
    process.exitCode = 1;
  } else {
    console.log(response.score, response.band, `${response.model.name} v${response.model.version}`);
    response.contributions
      .filter((c) => c.points)
      .forEach((c) => console.log(`  ${c.criterion}: ${c.reason}`));
  }
  scoring.close();
});
// [END score]
