"""Sends a profile change and an event over StreamEvents: /usr/bin/python3 stream_events.py localhost:50051"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated"))

# [START stream]
import grpc
from google.protobuf import struct_pb2, timestamp_pb2
from leadscore.v1 import lead_pb2, lead_state_pb2, scoring_pb2_grpc


def inputs(lead_id, event_id):
    yield lead_state_pb2.LeadEventMessage(
        lead_id=lead_id,
        profile=lead_state_pb2.ProfileChange(
            set={"job_title": struct_pb2.Value(string_value="Director of Sales")}),
    )
    now = timestamp_pb2.Timestamp()
    now.GetCurrentTime()
    yield lead_state_pb2.LeadEventMessage(
        lead_id=lead_id,
        event=lead_pb2.LeadEvent(id=event_id, type="webinar_attended", time=now),  # id: unique per event
    )


def stream(target, event_id):
    with grpc.insecure_channel(target) as channel:
        scoring = scoring_pb2_grpc.ScoringServiceStub(channel)
        for update in scoring.StreamEvents(inputs("jane@acme.example", event_id)):  # one answer per input
            if update.HasField("error"):  # a google.rpc.Status for this input; the stream goes on
                print(update.lead_id, "refused:", update.error.message)
            else:
                print(update.lead_id, update.previous_band or "(new)", "->", update.score.band,
                      "(duplicate)" if update.duplicate else "")
# [END stream]


if __name__ == "__main__":
    try:
        stream(sys.argv[1] if len(sys.argv) > 1 else "localhost:50051", f"evt-py-{time.time_ns()}")
    except grpc.RpcError as e:
        print(f"stream_events.py: {e.code().name}: {e.details()}", file=sys.stderr)
        sys.exit(1)
