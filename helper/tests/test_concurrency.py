"""One request at a time: queueing, busy, cancel and disconnects."""

import time

from conftest import Client

LONG = 2048  # the cap: far longer than any test waits for


def start_generation(client, models, max_tokens=LONG, **params):
    return client.send(
        "generate",
        {
            "model_id": "tiny",
            "model_path": models["qwen3"],
            "messages": [{"role": "user", "content": "tell me a long story about the sea"}],
            "max_tokens": max_tokens,
            **params,
        },
    )


def wait_for_state(client, state, timeout=10.0):
    deadline = time.monotonic() + timeout
    while (status := client.call("status"))["state"] != state:
        assert time.monotonic() < deadline, status
        time.sleep(0.02)
    return status


def test_cancel_stops_a_generation_mid_stream(client, models, shared_helper):
    other = Client(shared_helper.socket_path)
    request_id = start_generation(client, models)
    first = client.read()
    assert first["event"] == "token"
    assert other.call("cancel", {"request_id": request_id}) == {"cancelled": True}
    done, tokens = client.reply(request_id)
    assert done["error"]["code"] == "cancelled"
    assert len(tokens) + 1 < LONG
    assert other.call("cancel", {"request_id": request_id}) == {"cancelled": False}
    assert wait_for_state(other, "idle")["model"] is not None
    other.close()


def test_a_client_that_disconnects_cancels_its_generation(models, shared_helper, client):
    leaving = Client(shared_helper.socket_path)
    start_generation(leaving, models)
    assert leaving.read()["event"] == "token"
    leaving.close()
    started = time.monotonic()
    wait_for_state(client, "idle")
    assert time.monotonic() - started < 3
    assert "client disconnected: cancelled its requests" in shared_helper.log()


def test_a_second_clients_request_waits_its_turn(client, models, shared_helper):
    second = Client(shared_helper.socket_path)
    first_id = start_generation(client, models, max_tokens=40)
    assert client.read()["event"] == "token"
    sent_second = time.monotonic()
    second_id = start_generation(second, models, max_tokens=5)
    assert wait_for_state(second, "generating")["queued_requests"] == 1
    done_first, _ = client.reply(first_id)
    waited_ms = (time.monotonic() - sent_second) * 1000
    done_second, _ = second.reply(second_id)
    assert done_first["result"]["generation_tokens"] == 40
    assert done_second["result"]["generation_tokens"] == 5
    # The second request's clock ran while the first one finished: it was served after it.
    assert done_second["result"]["total_ms"] >= waited_ms - 50
    second.close()


def test_a_client_that_will_not_wait_is_told_the_helper_is_busy(client, models, shared_helper):
    impatient = Client(shared_helper.socket_path)
    running = start_generation(client, models)
    assert client.read()["event"] == "token"
    refused = start_generation(impatient, models, wait=False)
    line, _ = impatient.reply(refused)
    assert line["error"]["code"] == "busy"
    client.call("cancel", {"request_id": running})
    assert client.reply(running)[0]["error"]["code"] == "cancelled"
    impatient.close()


def test_a_queued_request_can_be_cancelled_before_it_starts(client, models, shared_helper):
    second = Client(shared_helper.socket_path)
    running = start_generation(client, models)
    assert client.read()["event"] == "token"
    queued = start_generation(second, models, max_tokens=5)
    wait_for_state(second, "generating")
    assert client.call("cancel", {"request_id": queued}) == {"cancelled": True}
    assert second.reply(queued)[0]["error"]["code"] == "cancelled"
    client.call("cancel", {"request_id": running})
    assert client.reply(running)[0]["error"]["code"] == "cancelled"
    second.close()


def test_status_answers_while_a_generation_runs(client, models, shared_helper):
    watcher = Client(shared_helper.socket_path)
    running = start_generation(client, models)
    assert client.read()["event"] == "token"
    status = watcher.call("status")
    assert status["state"] == "generating"
    assert status["unload_deadline"] is None
    assert watcher.call("hello")["protocol"] == 1
    watcher.call("cancel", {"request_id": running})
    assert client.reply(running)[0]["error"]["code"] == "cancelled"
    watcher.close()


def test_a_queued_generate_says_so_then_says_when_it_starts(client, models, shared_helper):
    # The client's first-token timeout starts at `started`, so a wait in the queue never trips it.
    second = Client(shared_helper.socket_path)
    first_id = start_generation(client, models)
    assert client.read(first_id, lifecycle=True)["event"] == "started"
    second.counter = 100  # ids unique across both clients: cancel goes by id
    second_id = start_generation(second, models, max_tokens=3)
    queued = {"id": second_id, "event": "queued", "position": 1}
    assert second.read(second_id, lifecycle=True) == queued
    second.call("cancel", {"request_id": first_id})
    assert client.reply(first_id)[0]["error"]["code"] == "cancelled"
    assert second.read(second_id, lifecycle=True) == {"id": second_id, "event": "started"}
    assert second.reply(second_id)[0]["event"] == "done"
    second.close()
