#!/usr/bin/env bash
# Generates the Python stubs into ./generated from the .proto files the build stages in
# proto/target/protos (./leadscore builds them; google/rpc included). Needs Debian's
# protobuf-compiler and protobuf-compiler-grpc (protoc and grpc_python_plugin):
#   sudo apt-get install python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
protos="${LEADSCORE_PROTOS:-$here/../../../proto/target/protos}"
if [ ! -f "$protos/leadscore/v1/scoring.proto" ]; then
  echo "generate.sh: no .proto files in $protos (expected: run ./leadscore --version in the clone's root first, which builds them)" >&2
  exit 1
fi
plugin="$(command -v grpc_python_plugin || true)"
if ! command -v protoc > /dev/null || [ -z "$plugin" ]; then
  echo "generate.sh: protoc or grpc_python_plugin missing (expected: apt-get install protobuf-compiler protobuf-compiler-grpc)" >&2
  exit 1
fi
rm -rf "$here/generated"
mkdir -p "$here/generated"
cd "$protos"
protoc -I . --python_out="$here/generated" --grpc_out="$here/generated" \
  --plugin=protoc-gen-grpc="$plugin" leadscore/v1/*.proto google/rpc/*.proto
echo "generated $(find "$here/generated" -name '*.py' | wc -l) modules in $here/generated"
