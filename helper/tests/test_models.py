"""Loading, switching, unloading and broken model folders."""

import shutil
import time
from pathlib import Path

import pytest


def load(client, model_path, **params):
    request_id = client.send("load", {"model_id": "tiny", "model_path": model_path, **params})
    return client.reply(request_id)[0]


def test_load_makes_the_model_resident(client, models):
    result = load(client, models["qwen3"])["result"]
    assert result["model_id"] == "tiny" and result["load_ms"] > 0 and not result["already_loaded"]
    again = load(client, models["qwen3"])["result"]
    assert again["already_loaded"] and again["load_ms"] == 0
    status = client.call("status")
    assert status["model"] == {"id": "tiny", "path": models["qwen3"]}
    assert status["state"] == "idle"


def test_a_request_for_another_model_switches_to_it(client, models):
    load(client, models["qwen3"])
    request_id = client.send(
        "generate",
        {
            "model_id": "other",
            "model_path": models["gemma3"],
            "messages": [{"role": "user", "content": "hello"}],
            "max_tokens": 2,
        },
    )
    done, _ = client.reply(request_id)
    assert done["result"]["load_ms"] > 0
    assert client.call("status")["model"] == {"id": "other", "path": models["gemma3"]}


def test_unload_frees_the_models_memory(client, models):
    before = client.call("status")["memory"]["active_bytes"]
    load(client, models["qwen3"])
    loaded = client.call("status")["memory"]["active_bytes"]
    assert client.call("unload") == {"unloaded": True}
    after = client.call("status")["memory"]["active_bytes"]
    assert loaded > before + 100_000  # the tiny model's weights are ~430 kB
    assert after <= before
    assert client.call("status")["model"] is None
    assert client.call("unload") == {"unloaded": False}


def test_the_model_unloads_after_the_idle_timeout(client, models):
    load(client, models["qwen3"], unload_after_seconds=0.6)
    status = client.call("status")
    assert status["unload_after_seconds"] == 0.6
    assert time.time() < status["unload_deadline"] <= time.time() + 0.6
    time.sleep(1.2)
    assert client.call("status")["model"] is None


def test_immediately_unloads_right_after_the_request(client, models):
    load(client, models["qwen3"], unload_after_seconds=0)
    deadline = time.monotonic() + 5
    while client.call("status")["model"] is not None:
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_never_keeps_the_model(client, models):
    load(client, models["qwen3"], unload_after_seconds=None)
    status = client.call("status")
    assert status["unload_after_seconds"] is None and status["unload_deadline"] is None
    time.sleep(0.3)
    assert client.call("status")["model"] is not None


def test_a_missing_folder_is_model_not_found(client, tmp_path):
    error = load(client, str(tmp_path / "nowhere"))["error"]
    assert error["code"] == "model_not_found"
    assert "nowhere" in error["message"]


def test_a_relative_path_is_a_bad_request(client):
    assert load(client, "models/qwen3")["error"]["code"] == "bad_request"


def broken_copy(models, tmp_path, damage):
    folder = tmp_path / "broken"
    shutil.copytree(models["qwen3"], folder)
    damage(folder)
    return str(folder)


def truncate_weights(folder: Path):
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])


@pytest.mark.parametrize(
    "damage",
    [
        truncate_weights,
        lambda folder: (folder / "model.safetensors").unlink(),
        lambda folder: (folder / "config.json").unlink(),
        lambda folder: (folder / "config.json").write_text("{not json"),
        lambda folder: (folder / "tokenizer.json").unlink(),
    ],
    ids=["truncated weights", "no weights", "no config", "bad config", "no tokenizer"],
)
def test_a_corrupt_folder_is_model_corrupt_and_the_helper_stays_up(
    client, models, tmp_path, damage
):
    error = load(client, broken_copy(models, tmp_path, damage))["error"]
    assert error["code"] == "model_corrupt", error
    assert client.call("hello")["protocol"] == 1
    assert load(client, models["qwen3"])["result"]["model_id"] == "tiny"


def test_an_architecture_mlx_lm_lacks_is_unsupported_model(client, models, tmp_path):
    def rename_architecture(folder):
        config = folder / "config.json"
        config.write_text(config.read_text().replace('"qwen3"', '"not_a_real_architecture"'))

    error = load(client, broken_copy(models, tmp_path, rename_architecture))["error"]
    assert error["code"] == "unsupported_model"
    assert "not_a_real_architecture" in error["message"]
