"""The hospital inventory: what runs where, who connects in, and what talks to what.

Immutable pydantic models; each field's description is the documentation of the inventory format and feeds
the JSON Schema (`hismigrate schema`). Cross-references are checked in `model.integrity`, not here, so that
every problem can be reported at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from hismigrate.model.enums import (
    Answer,
    ConnectionKind,
    Customisation,
    Founder,
    HospitalType,
    Prefecture,
    Protection,
    Protocol,
    ServerRole,
    Standard,
    Strategy,
    SystemCategory,
    UtilisationBasis,
    VendorCloud,
    Zone,
)
from hismigrate.model.fields import (
    MAX_BEDS,
    MAX_CORES,
    MAX_DEPRECIATION_YEARS,
    MAX_GB_PER_DAY,
    MAX_HOURS,
    MAX_MBPS,
    MAX_MEMORY_GB,
    MAX_PURCHASE_JPY,
    MAX_STORAGE_GB,
    MAX_USERS,
    MAX_WATTS,
    MAX_YEARLY_JPY,
    NUMBER,
    Flag,
    Id,
    IdList,
    OptDay,
    OptFlag,
    OptId,
    OptText,
    Slug,
    Text,
    TextList,
    bounded,
)
from hismigrate.model.frozen import share_given
from hismigrate.model.text import parse_list

SCHEMA_VERSION = "1"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False)

    def model_post_init(self, context: object, /) -> None:
        share_given(self)  # one record of given fields per class and fields (a server's is 2.3 KB)

    def model_copy(self, *, update: Mapping[str, object] | None = None, deep: bool = False) -> Self:
        """pydantic's copy, sharing the record of given fields as an item made by validation does (a fix of the
        remediation plan copies tens of thousands of servers)."""
        copied = super().model_copy(update=update, deep=deep)
        share_given(copied)
        return copied


DRAFT_DESCRIPTION = (
    "Set on what `hismigrate init` guessed from a discovery export: what was guessed and why (e.g. `zone guessed"
    " from the name 'mgmt-lan'`). Check the item, correct it and delete this field; while any item keeps it,"
    " `validate` warns and the report says that it rests on a draft."
)


class Hospital(Model):
    """The hospital as a whole."""

    id: Slug = Field(description="Short lower-case identifier, used as the report folder name (e.g. `sakura-general`).")
    name: Text = Field(description="Name of the hospital (病院名).")
    beds: Annotated[int, bounded("Number of licensed beds (許可病床数).", ge=0, le=MAX_BEDS), NUMBER]
    type: HospitalType = Field(description="Kind of hospital: university, acute, chronic, psychiatric, clinic, mixed.")
    prefecture: Prefecture = Field(
        description="Prefecture (都道府県), by name (東京都), romaji (tokyo) or JIS code (13)."
    )
    founder: Founder = Field(description="Founder class (設置主体) as in the ministry's statistics.")
    medical_area: OptText = Field(default=None, description="Secondary medical area (二次医療圏), optional.")
    draft: OptText = Field(default=None, description=DRAFT_DESCRIPTION)


class Route(Model):
    """A route the firewall allows from this segment to another."""

    to: Id = Field(description="Segment id the traffic may reach.")
    filtered: Flag = Field(
        default=True,
        description="True when the firewall restricts it to named hosts and ports; false when any-to-any.",
    )
    ports: TextList = Field(
        default_factory=list, description="Allowed ports or services, when filtered (e.g. 443, 3389)."
    )


class Segment(Model):
    """A network segment (VLAN or subnet) of the hospital."""

    id: Id = Field(description="Segment identifier (e.g. `emr-lan`).")
    name: Text = Field(description="Name of the segment.")
    zone: Zone = Field(
        description="Security zone: clinical, office, internet, medical_device, dmz, management, vendor."
    )
    routes: list[Route] = Field(default_factory=list, description="Routes the firewall allows to other segments.")
    notes: OptText = Field(default=None, description="Free notes.")
    draft: OptText = Field(default=None, description=DRAFT_DESCRIPTION)


class Server(Model):
    """A physical or virtual server."""

    id: Id = Field(description="Server identifier (often the hostname).")
    hostname: Text = Field(description="Host name.")
    segment: Id = Field(description="Segment id the server sits in.")
    role: ServerRole = Field(default=ServerRole.application, description="Main role of the server.")
    os_name: OptText = Field(default=None, description="Operating system name (e.g. `Windows Server`, `RHEL`).")
    os_version: OptText = Field(default=None, description="Operating system version (e.g. `2012 R2`, `7`).")
    end_of_support: OptDay = Field(
        default=None,
        description="End of vendor support of the OS; looked up in the shipped OS lifecycle table when blank.",
    )
    vcpu: Annotated[int | None, bounded("Virtual or physical CPU cores.", ge=0, le=MAX_CORES), NUMBER] = None
    memory_gb: Annotated[float | None, bounded("Memory in GiB.", ge=0, le=MAX_MEMORY_GB), NUMBER] = None
    storage_gb: Annotated[float | None, bounded("Provisioned storage in GiB.", ge=0, le=MAX_STORAGE_GB), NUMBER] = None
    cpu_util_pct: Annotated[
        float | None, bounded("CPU utilisation in percent (see util_basis).", ge=0, le=100), NUMBER
    ] = None
    memory_util_pct: Annotated[float | None, bounded("Memory utilisation in percent.", ge=0, le=100), NUMBER] = None
    util_basis: UtilisationBasis = Field(
        default=UtilisationBasis.peak, description="Whether utilisation figures are the peak or the 95th percentile."
    )
    physical: Flag = Field(default=False, description="True for a physical server, false for a virtual machine.")
    ip_address: OptText = Field(default=None, description="Main IP address (never leaves the hospital in a survey).")
    domain: OptText = Field(default=None, description="Windows (Active Directory) domain the server is joined to.")
    purchase_date: OptDay = Field(default=None, description="Purchase or lease start date.")
    purchase_price_jpy: Annotated[
        float | None, bounded("Purchase price in JPY (tax excluded).", ge=0, le=MAX_PURCHASE_JPY), NUMBER
    ] = None
    refresh_due: OptDay = Field(default=None, description="Date the hardware is due to be replaced.")
    maintenance_jpy_per_year: Annotated[
        float | None, bounded("Annual hardware maintenance in JPY.", ge=0, le=MAX_YEARLY_JPY), NUMBER
    ] = None
    power_watts: Annotated[float | None, bounded("Average power draw in watts.", ge=0, le=MAX_WATTS), NUMBER] = None
    protection: Protection = Field(
        default=Protection.unknown, description="Antivirus or EDR: edr, antivirus, disabled, none."
    )
    last_patched: OptDay = Field(default=None, description="Date OS security patches were last applied.")
    local_admin_group: OptText = Field(
        default=None,
        description="Servers that share one local administrator password carry the same label; blank when unique.",
    )
    remote_desktop: OptFlag = Field(default=None, description="Remote desktop (RDP) is enabled on the server.")
    backup_online: OptFlag = Field(default=None, description="An online backup copy exists (disk, NAS, backup server).")
    backup_offline: OptFlag = Field(
        default=None, description="An offline or immutable copy exists (tape off site, write-once storage)."
    )
    backup_restore_tested: OptDay = Field(default=None, description="Date a restore from backup was last tested.")
    host: OptId = Field(
        default=None,
        description="For a virtual machine: the id of the hypervisor host (a server of role `hypervisor`) it runs on."
        " The host carries the hardware: its price, maintenance, power and refresh are spread over its virtual"
        " machines by size. A host leaves the premises with the last virtual machine drawing on it; a virtual machine"
        " naming no host draws on every host and keeps them all on site until it leaves.",
    )
    redundancy_group: OptText = Field(
        default=None,
        description="Servers that stand in for one another (an active/standby pair, an application-server farm, a"
        " hypervisor cluster) carry the same label: a system stays up while one server of each of its groups is up.",
    )
    notes: OptText = Field(default=None, description="Free notes.")
    draft: OptText = Field(default=None, description=DRAFT_DESCRIPTION)


class System(Model):
    """A department system (部門システム) or core system such as the EMR."""

    id: Id = Field(description="System identifier (e.g. `emr`, `pacs`).")
    name: Text = Field(description="Name of the system.")
    category: SystemCategory = Field(description="Category: emr, billing, ordering, pacs, lis, ris, pharmacy, ...")
    vendor: OptText = Field(default=None, description="Vendor (never leaves the hospital in a survey).")
    servers: IdList = Field(default_factory=list, description="Server ids the system runs on.")
    criticality: Annotated[
        int, bounded("1 = care stops without it, 2 = care is seriously hampered, 3, 4 = minor.", ge=1, le=4), NUMBER
    ]
    rto_hours: Annotated[float | None, bounded("Recovery time objective in hours.", ge=0, le=MAX_HOURS), NUMBER] = None
    users: Annotated[int | None, bounded("Number of users.", ge=0, le=MAX_USERS), NUMBER] = None
    data_volume_gb: Annotated[float | None, bounded("Data held, in GB.", ge=0, le=MAX_STORAGE_GB), NUMBER] = None
    customisation: Customisation = Field(
        default=Customisation.medium, description="Level of hospital-specific customisation."
    )
    fee_revision: Flag = Field(
        default=False, description="The fee-schedule revision (診療報酬改定) requires changes to it."
    )
    standards: Annotated[list[Standard], BeforeValidator(parse_list)] = Field(
        default_factory=list, description="Standards supported: hl7v2, fhir, dicom, ssmix2."
    )
    vendor_cloud: VendorCloud = Field(default=VendorCloud.unknown, description="Vendor offers a cloud edition or SaaS.")
    equipment: TextList = Field(
        default_factory=list, description="On-site equipment it is tied to (modalities, analysers, dispensing robots)."
    )
    depends_on: IdList = Field(default_factory=list, description="System ids it needs to work (e.g. identity).")
    purchase_price_jpy: Annotated[
        float | None,
        bounded(
            "Price of its software at the last purchase (the current contract) in JPY, tax excluded; when blank, estimated"
            " from the software maintenance.",
            ge=0,
            le=MAX_PURCHASE_JPY,
        ),
        NUMBER,
    ] = None
    licence_jpy_per_year: Annotated[
        float | None, bounded("Annual licence fee in JPY.", ge=0, le=MAX_YEARLY_JPY), NUMBER
    ] = None
    maintenance_jpy_per_year: Annotated[
        float | None, bounded("Annual software maintenance in JPY.", ge=0, le=MAX_YEARLY_JPY), NUMBER
    ] = None
    contract_end: OptDay = Field(default=None, description="End of the current vendor contract.")
    purchase_date: OptDay = Field(
        default=None,
        description="Date its software was bought (導入日, the start of the current contract): its book value and its"
        " next refresh count from it. When blank, inferred as the contract end minus the refresh cycle (named among"
        " the gaps of the cost case).",
    )
    depreciation_years: Annotated[
        int | None,
        bounded(
            "Years its software is depreciated over (償却年数, straight line); when blank, the setting"
            " `cost.depreciation.software_years`.",
            ge=1,
            le=MAX_DEPRECIATION_YEARS,
        ),
        NUMBER,
    ] = None
    cold_data_share: Annotated[
        float | None,
        bounded(
            "Share of the data on its archive (storage) servers that is rarely read (older images and documents):"
            " kept in the cloud's archive tier. When blank, the default of its category"
            " (`cost.storage.cold_share_by_category`).",
            ge=0,
            le=1,
        ),
        NUMBER,
    ] = None
    strategy: Strategy | None = Field(default=None, description="Target strategy, overriding the planner's choice.")
    notes: OptText = Field(default=None, description="Free notes.")
    draft: OptText = Field(default=None, description=DRAFT_DESCRIPTION)


class Connection(Model):
    """An external connection point (外部接続点): any line into the hospital network."""

    id: Id = Field(description="Connection identifier.")
    kind: ConnectionKind = Field(description="Kind: remote_maintenance, ssl_vpn, ipsec_vpn, online_eligibility, ...")
    operator: OptText = Field(default=None, description="Who operates the line (vendor, carrier); blank when unknown.")
    device_vendor: OptText = Field(default=None, description="Maker of the device at the hospital end (e.g. Fortinet).")
    device_product: OptText = Field(default=None, description="Product (e.g. FortiGate, FortiOS).")
    device_version: OptText = Field(default=None, description="Firmware or software version (e.g. 6.0.4).")
    lands_in: Id = Field(description="Segment id the line lands in.")
    serves: IdList = Field(default_factory=list, description="System ids reached or maintained through it.")
    always_on: Flag = Field(default=True, description="Always connected (true) or connected on demand (false).")
    mfa: Flag = Field(default=False, description="Multi-factor authentication is required.")
    source_ip_restricted: Flag = Field(
        default=False, description="Connections are accepted only from listed source addresses."
    )
    shared_credentials: Flag = Field(default=False, description="Shared, generic or default credentials are in use.")
    firmware_updated: OptDay = Field(default=None, description="Date the device firmware was last updated.")
    logs_kept: Flag = Field(default=False, description="Access logs are kept.")
    logs_reviewed: Flag = Field(default=False, description="Access logs are reviewed.")
    closed_network: Flag = Field(
        default=False, description="Carried over a closed network (carrier IP-VPN), not the internet."
    )
    bandwidth_mbps: Annotated[float | None, bounded("Line bandwidth in Mbps.", ge=0, le=MAX_MBPS), NUMBER] = None
    redundant: Flag = Field(default=False, description="A second, independent line backs this one up.")
    cost_jpy_per_year: Annotated[
        float | None, bounded("Annual line and service cost in JPY.", ge=0, le=MAX_YEARLY_JPY), NUMBER
    ] = None
    notes: OptText = Field(default=None, description="Free notes.")
    draft: OptText = Field(default=None, description=DRAFT_DESCRIPTION)


class Flow(Model):
    """An interface between two systems (data flows from `from` to `to`)."""

    source: Id = Field(alias="from", description="System id the data comes from.")
    target: Id = Field(alias="to", description="System id the data goes to.")
    protocol: Protocol = Field(
        default=Protocol.other, description="hl7v2, fhir, dicom, file_share, db_link, api, other."
    )
    mbps: Annotated[float | None, bounded("Typical throughput in Mbps.", ge=0, le=MAX_MBPS), NUMBER] = None
    gb_per_day: Annotated[
        float | None, bounded("Volume in GB per day (used when mbps is blank).", ge=0, le=MAX_GB_PER_DAY), NUMBER
    ] = None
    latency_sensitive: Flag = Field(default=False, description="Users wait on it (e.g. image viewing, order entry).")


class Practices(Model):
    """Answers to the MHLW cybersecurity checklist items that cannot be read from the estate (yes/no/unknown)."""

    security_manager: Answer = Field(default=Answer.unknown, description="1-(1) A security manager is appointed.")
    asset_register: Answer = Field(
        default=Answer.unknown, description="2-(1) A ledger of servers, PCs and network devices is kept."
    )
    remote_maintenance_confirmed: Answer = Field(
        default=Answer.unknown, description="2-(2) Vendors were asked which devices use remote maintenance."
    )
    mds_sds: Answer = Field(default=Answer.unknown, description="2-(3) MDS/SDS were obtained from the vendors.")
    role_based_access: Answer = Field(default=Answer.unknown, description="2-(4) Access rights are set by role.")
    account_cleanup: Answer = Field(
        default=Answer.unknown, description="2-(5) Leavers' and unused accounts are removed."
    )
    access_logs: Answer = Field(default=Answer.unknown, description="2-(6) Access logs are managed.")
    patching: Answer = Field(default=Answer.unknown, description="2-(7) Security patches and firmware are applied.")
    unneeded_services: Answer = Field(
        default=Answer.unknown, description="2-(8) Unneeded software and services are stopped."
    )
    source_restriction: Answer = Field(default=Answer.unknown, description="2-(9) Connection sources are restricted.")
    incident_contacts: Answer = Field(default=Answer.unknown, description="3-(1) An incident contact chart exists.")
    backup_restore: Answer = Field(
        default=Answer.unknown, description="3-(2) Backups are taken and restore is confirmed."
    )
    cyber_bcp: Answer = Field(default=Answer.unknown, description="3-(3) A BCP assuming a cyber attack exists.")
    no_password_reuse: Answer = Field(default=Answer.unknown, description="R7 draft: passwords are not reused.")
    media_control: Answer = Field(
        default=Answer.unknown, description="R7 draft: USB and external media are controlled."
    )
    two_factor: Answer = Field(default=Answer.unknown, description="R7 draft: two-factor authentication is used.")


class Inventory(Model):
    """A hospital's estate: the root of an inventory file or of a directory of files."""

    hospital: Hospital = Field(description="The hospital.")
    segments: list[Segment] = Field(default_factory=list, description="Network segments.")
    servers: list[Server] = Field(default_factory=list, description="Servers.")
    systems: list[System] = Field(default_factory=list, description="Department and core systems.")
    connections: list[Connection] = Field(default_factory=list, description="External connection points.")
    flows: list[Flow] = Field(default_factory=list, description="Interfaces between systems.")
    practices: Practices = Field(default_factory=Practices, description="Answers to checklist items.")

    def by_id(self) -> InventoryIndex:
        """Dictionaries from id to item for each part. Build it once and reuse it: it is not cached."""
        return InventoryIndex(
            segments={s.id: s for s in self.segments},
            servers={s.id: s for s in self.servers},
            systems={s.id: s for s in self.systems},
            connections={c.id: c for c in self.connections},
        )


@dataclass(frozen=True)
class InventoryIndex:
    segments: dict[str, Segment]
    servers: dict[str, Server]
    systems: dict[str, System]
    connections: dict[str, Connection]


INVENTORY_PARTS = ("hospital", "segments", "servers", "systems", "connections", "flows", "practices")
"""Top-level keys of an inventory file, in the order they are written."""
