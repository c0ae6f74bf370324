// Loads the leadscore services from the .proto files the build stages in proto/target/protos
// (./leadscore builds them; LEADSCORE_PROTOS points elsewhere, e.g. the release archive's protos/).
const path = require('node:path');
const fs = require('node:fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const protos = process.env.LEADSCORE_PROTOS || path.join(__dirname, '..', '..', '..', 'proto', 'target', 'protos');
if (!fs.existsSync(path.join(protos, 'leadscore', 'v1', 'scoring.proto'))) {
  console.error(`no .proto files in ${protos} (expected: run ./leadscore --version in the clone's root first, which builds them)`);
  process.exit(1);
}

// Field names are lowerCamelCase (leadId, asOf, stringValue), as in the JSON mapping.
// [START load]
const definition = protoLoader.loadSync(
  ['leadscore/v1/scoring.proto', 'leadscore/v1/model_service.proto'],
  { includeDirs: [protos], longs: String, enums: String, defaults: true, oneofs: true });
const { leadscore } = grpc.loadPackageDefinition(definition);
// [END load]

module.exports = { grpc, leadscore };
