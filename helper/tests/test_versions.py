"""Each version has one source: __version__ for the package, the schema for the protocol."""

from importlib.metadata import version

from mlx_polish_helper import __version__
from mlx_polish_helper.protocol import protocol_version, schema


def test_the_installed_package_version_is_the_module_version():
    assert version("mlx-polish-helper") == __version__


def test_hello_reports_the_schema_protocol_version(client):
    hello = client.call("hello")
    assert hello["protocol"] == protocol_version()
    assert protocol_version() == schema()["$defs"]["HelperProtocolVersion"]["const"] == 1
    assert hello["helper_version"] == __version__
