"""Export to the cloud tools' CSVs and import back: every field the format holds comes back unchanged."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hismigrate.load.importers.aws_migration_hub import import_aws_migration_hub
from hismigrate.load.importers.azure_migrate import import_azure_migrate
from hismigrate.model.inventory import Server
from hismigrate.write.discovery_csv import FORMATS, discovery_csv, incomplete

NAME = st.from_regex(r"[a-z][a-z0-9-]{0,14}", fullmatch=True)
OS = st.sampled_from([("Windows Server", "2012 R2"), ("Red Hat Enterprise Linux", "8.6"), ("Ubuntu", "22.04")])
MIB = st.integers(min_value=1, max_value=4 * 1024 * 1024)  # whole MiB, as the tools count them
PCT = st.integers(min_value=0, max_value=10000).map(lambda n: n / 100)


@st.composite
def servers(draw: st.DrawFn) -> list[Server]:
    names = draw(st.lists(NAME, min_size=1, max_size=6, unique=True))
    out = []
    for name in names:
        os_name, os_version = draw(OS)
        out.append(
            Server(
                id=name,
                hostname=name,
                segment="server-lan",
                os_name=os_name,
                os_version=os_version,
                vcpu=draw(st.integers(min_value=1, max_value=256)),
                memory_gb=draw(MIB) / 1024,
                storage_gb=draw(st.none() | MIB.map(lambda m: m / 1024)),
                cpu_util_pct=draw(st.none() | PCT),
                memory_util_pct=draw(st.none() | PCT),
                ip_address=draw(st.none() | st.just("10.0.0.1")),
            )
        )
    return sorted(out, key=lambda s: s.id)


AZURE_FIELDS = (
    "id",
    "hostname",
    "os_name",
    "os_version",
    "vcpu",
    "memory_gb",
    "storage_gb",
    "cpu_util_pct",
    "memory_util_pct",
    "ip_address",
)
AWS_FIELDS = (
    "id",
    "hostname",
    "os_name",
    "os_version",
    "vcpu",
    "memory_gb",
    "cpu_util_pct",
    "memory_util_pct",
    "ip_address",
)


def _fields(servers: list[Server], names: tuple[str, ...]) -> list[tuple[object, ...]]:
    return [tuple(getattr(s, n) for n in names) for s in servers]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(servers())
@example(
    [
        Server(
            id="a",
            hostname="a",
            segment="s",
            vcpu=2,
            memory_gb=103.263671875,
            storage_gb=0.0009765625,
            os_name="Windows Server",
            os_version="2019",
            memory_util_pct=33.33,
        )
    ]
)
@example([Server(id="=1+2", hostname="=1+2", segment="s", vcpu=1, memory_gb=1, os_name="+OS", os_version="-2+3")])
def test_azure_round_trip(tmp_path_factory: object, estate: list[Server]) -> None:
    path = Path(tmp_path_factory.mktemp("azure")) / "azure.csv"  # type: ignore[attr-defined]
    path.write_text(discovery_csv(estate, FORMATS["azure-migrate"]), encoding="utf-8")
    back = import_azure_migrate(path, "server-lan").servers
    assert _fields(list(back), AZURE_FIELDS) == _fields(estate, AZURE_FIELDS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(servers())
@example(  # text a spreadsheet would run as a formula: quoted in the file, as it was once read back
    [Server(id="=1+2", hostname="=1+2", segment="s", vcpu=1, memory_gb=1, os_name="+OS", os_version="-2+3")]
)
def test_aws_round_trip(tmp_path_factory: object, estate: list[Server]) -> None:
    path = Path(tmp_path_factory.mktemp("aws")) / "aws.csv"  # type: ignore[attr-defined]
    path.write_text(discovery_csv(estate, FORMATS["aws-migration-hub"]), encoding="utf-8")
    back = import_aws_migration_hub(path, "server-lan").servers
    assert _fields(list(back), AWS_FIELDS) == _fields(estate, AWS_FIELDS)


def test_azure_export_marks_mandatory_columns_and_lists_incomplete_servers() -> None:
    bare = Server(id="old-pc", hostname="old-pc", segment="s")
    full = Server(id="emr", hostname="emr", segment="s", vcpu=4, memory_gb=16, os_name="Windows Server")
    text = discovery_csv([full, bare], FORMATS["azure-migrate"])
    header, first, second = text.splitlines()
    assert header.startswith("*Server name,IP addresses,*Cores,*Memory (In MB),*OS name")
    assert first.startswith("emr,,4,16384,Windows Server") and second.startswith("old-pc,")
    assert text.endswith("\r\n")
    assert [s.id for s in incomplete([full, bare], FORMATS["azure-migrate"])] == ["old-pc"]
