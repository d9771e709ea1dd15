"""Bad lines get structured errors on the same connection, and the helper stays up."""

import json


def test_garbage_non_objects_and_bad_ids_are_bad_requests_with_a_null_id(client):
    for raw in [b"this is not json", b"[1, 2]", b'"hello"', b'{"id": 3, "method": "hello"}']:
        client.send_raw(raw + b"\n")
        line = client.read()
        assert line["id"] is None, raw
        assert line["error"]["code"] == "bad_request", raw
    assert client.call("hello")["protocol"] == 1


def test_an_unknown_method_names_the_known_ones(client):
    client.send_raw(json.dumps({"id": "x1", "method": "explode"}).encode() + b"\n")
    line = client.read()
    assert line["id"] == "x1"
    assert line["error"]["code"] == "bad_request"
    assert "explode" in line["error"]["message"] and "generate" in line["error"]["message"]


def test_params_that_break_the_schema_say_where(client):
    request_id = client.send(
        "generate",
        {"model_id": "m", "model_path": "/m", "messages": [{"role": "robot", "content": "x"}]},
    )
    line = client.read()
    assert line["id"] == request_id
    assert line["error"]["code"] == "bad_request"
    assert "messages/0/role" in line["error"]["message"]


def test_empty_lines_are_ignored_and_requests_can_be_pipelined(client):
    client.send_raw(b'\n\n{"id":"a","method":"hello"}\n{"id":"b","method":"status"}\n')
    assert client.read()["id"] == "a"
    assert client.read()["id"] == "b"


def test_an_oversized_line_is_refused_without_dropping_the_connection(client):
    client.send_raw(b'{"id":"big","pad":"' + b"x" * (5 * 1024 * 1024) + b'"}\n')
    line = client.read()
    assert line["error"]["code"] == "bad_request" and "longer than" in line["error"]["message"]
    assert client.call("hello")["protocol"] == 1


def test_sampling_is_not_negotiable_a_temperature_is_a_bad_request(client):
    request_id = client.send(
        "generate",
        {
            "model_id": "m",
            "model_path": "/m",
            "messages": [{"role": "user", "content": "x"}],
            "temperature": 1,
        },
    )
    line = client.read()
    assert line["id"] == request_id
    assert line["error"]["code"] == "bad_request"
    assert "temperature" in line["error"]["message"]
