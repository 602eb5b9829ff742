"""K2 test certificates, made with `cryptography`: one CA of the participating installations,
and per installation a server certificate (for 127.0.0.1) and a client certificate; plus a
client certificate of another CA, which no proxy verifies."""

import datetime
import hashlib
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass
class Pair:
    certificate: Path
    key: Path
    pem: str

    @property
    def fingerprint(self) -> str:
        der = x509.load_pem_x509_certificate(self.pem.encode()).public_bytes(
            serialization.Encoding.DER
        )
        return hashlib.sha256(der).hexdigest()


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _write(folder: Path, stem: str, certificate, key) -> Pair:
    pem = certificate.public_bytes(serialization.Encoding.PEM)
    (folder / f"{stem}.crt").write_bytes(pem)
    (folder / f"{stem}.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Pair(folder / f"{stem}.crt", folder / f"{stem}.key", pem.decode())


class Authority:
    def __init__(self, folder: Path, name: str):
        self.folder = folder
        self.key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        self.name = _name(name)
        self.certificate = (
            x509.CertificateBuilder()
            .subject_name(self.name)
            .issuer_name(self.name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        self.pair = _write(folder, name, self.certificate, self.key)

    def issue(self, stem: str, *, server: bool) -> Pair:
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(stem))
            .issuer_name(self.name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        )
        if server:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False,
            ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        else:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False
            )
        return _write(self.folder, stem, builder.sign(self.key, hashes.SHA256()), key)


@dataclass
class Pki:
    ca: Pair
    server_a: Pair
    server_b: Pair
    client_a: Pair
    client_b: Pair
    client_c: Pair  # a third installation, with a low limit
    stranger: Pair  # a client certificate of another CA


def make_pki(folder: Path) -> Pki:
    authority = Authority(folder, "vh-test-ca")
    other = Authority(folder, "other-ca")
    return Pki(
        ca=authority.pair,
        server_a=authority.issue("server-a", server=True),
        server_b=authority.issue("server-b", server=True),
        client_a=authority.issue("client-a", server=False),
        client_b=authority.issue("client-b", server=False),
        client_c=authority.issue("client-c", server=False),
        stranger=other.issue("stranger", server=False),
    )
