"""Scores one lead with the bundled b2b-default model: /usr/bin/python3 score.py localhost:50051"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated"))

# [START score]
import grpc
from google.protobuf import struct_pb2, timestamp_pb2
from leadscore.v1 import lead_pb2, scoring_pb2, scoring_pb2_grpc


def score(target):
    with grpc.insecure_channel(target) as channel:  # grpc.secure_channel(target, creds) for TLS
        scoring = scoring_pb2_grpc.ScoringServiceStub(channel)
        request = scoring_pb2.ScoreRequest(
            lead=lead_pb2.Lead(
                id="lead-42",
                attributes={
                    "job_title": struct_pb2.Value(string_value="VP of Sales"),
                    "company_size": struct_pb2.Value(number_value=500),
                },
                events=[
                    lead_pb2.LeadEvent(
                        type="demo_request",
                        time=timestamp_pb2.Timestamp(seconds=1795514400),  # 2026-11-24T10:00:00Z
                    )
                ],
            ),
            as_of=timestamp_pb2.Timestamp(seconds=1795564800),  # 2026-11-25T00:00:00Z
        )
        response = scoring.Score(request, timeout=10)  # seconds; a cold server's first call is slow
        print(response.score, response.band, f"{response.model.name} v{response.model.version}")
        for contribution in response.contributions:
            if contribution.points:
                print(f"  {contribution.criterion}: {contribution.reason}")
# [END score]


if __name__ == "__main__":
    try:
        score(sys.argv[1] if len(sys.argv) > 1 else "localhost:50051")
    except grpc.RpcError as e:
        print(f"score.py: {e.code().name}: {e.details()}", file=sys.stderr)
        sys.exit(1)
